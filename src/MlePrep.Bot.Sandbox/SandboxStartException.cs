namespace MlePrep.Bot.Sandbox;

/// <summary>The sandbox cannot start; <see cref="Exception.Message"/> is what to tell the person, <see cref="ExitCode"/> how the process ends.</summary>
public sealed class SandboxStartException(string message, int exitCode) : Exception(message)
{
    /// <summary>A setting or argument is wrong (the bot's exit code for configuration).</summary>
    public const int Configuration = 2;

    public int ExitCode { get; } = exitCode;
}
