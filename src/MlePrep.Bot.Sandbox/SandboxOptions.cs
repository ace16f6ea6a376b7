using System.Globalization;

namespace MlePrep.Bot.Sandbox;

/// <summary>The sandbox's settings (section <c>Sandbox</c>; <c>--port</c> is short for <c>--Sandbox:Port</c>).</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>The page's port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; } = 5080;

    /// <summary>The sandbox's own LiteDB file, emptied at every start (the emulated server is new each time).</summary>
    public string DatabasePath { get; init; } = Path.Combine("data", "sandbox.db");

    /// <summary>Reads the section; a port that is not a number from 0 to 65535 is one clear line, not a binder exception.</summary>
    public static SandboxOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var defaults = new SandboxOptions();
        var port = defaults.Port;
        if (section[nameof(Port)] is { } text && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= ushort.MaxValue))
        {
            throw new SandboxStartException($"--port must be a number from 0 to 65535 (0 picks a free port), not '{text}'", SandboxStartException.Configuration);
        }
        return new SandboxOptions
        {
            Port = port,
            DatabasePath = section[nameof(DatabasePath)] is { Length: > 0 } path ? path : defaults.DatabasePath,
        };
    }
}
