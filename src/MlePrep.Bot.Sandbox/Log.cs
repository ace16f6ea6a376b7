namespace MlePrep.Bot.Sandbox;

/// <summary>The sandbox's log lines (source-generated). Event ids: 5xx.</summary>
internal static partial class Log
{
    [LoggerMessage(500, LogLevel.Information, "Sandbox ready: open {Url} in a browser (Ctrl+C stops it)")]
    public static partial void SandboxReady(ILogger logger, Uri url);

    [LoggerMessage(501, LogLevel.Information, "Sandbox clock fast-forwarded by {Delta} to {Now:u}")]
    public static partial void SandboxFastForwarded(ILogger logger, TimeSpan delta, DateTimeOffset now);
}
