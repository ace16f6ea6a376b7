namespace MlePrep.Bot.Sandbox;

/// <summary>The sandbox's settings (section <c>Sandbox</c>; <c>--port</c> is short for <c>--Sandbox:Port</c>).</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>The page's port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; } = 5080;

    /// <summary>The sandbox's own LiteDB file, emptied at every start (the emulated server is new each time).</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "sandbox.db");
}
