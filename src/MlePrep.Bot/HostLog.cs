namespace MlePrep.Bot;

/// <summary>Log lines of the process around the host: how it ends (event ids 750–799), how it warms up (3900–3949).</summary>
internal static partial class Log
{
    [LoggerMessage(750, LogLevel.Critical, "{Service} failed, which stopped the bot: exiting with code {ExitCode} so that a supervisor restarts it")]
    public static partial void ServiceCrashed(ILogger logger, string service, int exitCode);

    [LoggerMessage(3900, LogLevel.Information, "Warmed up {Count} interactions on throwaway state in {ElapsedMs:F0} ms")]
    public static partial void WarmedUp(ILogger logger, int count, double elapsedMs);

    [LoggerMessage(3901, LogLevel.Warning, "The warm-up failed; the bot starts anyway, its first interactions only slower")]
    public static partial void WarmupFailed(ILogger logger, Exception exception);
}
