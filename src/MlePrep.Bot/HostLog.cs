namespace MlePrep.Bot;

/// <summary>Log lines of the process around the host: how it ends (event ids 750–799).</summary>
internal static partial class Log
{
    [LoggerMessage(750, LogLevel.Critical, "{Service} failed, which stopped the bot: exiting with code {ExitCode} so that a supervisor restarts it")]
    public static partial void ServiceCrashed(ILogger logger, string service, int exitCode);
}
