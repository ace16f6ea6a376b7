namespace MlePrep.Bot;

/// <summary>Log lines of health, telemetry, backups and shutdown: event ids 3400–3499.</summary>
internal static partial class Log
{
    [LoggerMessage(3400, LogLevel.Warning, "The health status file {Path} could not be written ({Reason}); `health` will report the bot unhealthy")]
    public static partial void HealthStatusNotWritten(ILogger logger, string path, string reason);

    [LoggerMessage(3401, LogLevel.Warning, "The control socket {Path} could not be opened ({Reason}); `backup` cannot reach this bot")]
    public static partial void ControlSocketUnavailable(ILogger logger, string path, string reason);

    [LoggerMessage(3402, LogLevel.Information, "Backup written to {Path} ({Bytes} bytes)")]
    public static partial void BackupWritten(ILogger logger, string path, long bytes);

    [LoggerMessage(3403, LogLevel.Error, "Backup to {Path} failed: {Reason}")]
    public static partial void BackupFailed(ILogger logger, string path, string reason);

    [LoggerMessage(3404, LogLevel.Information, "Deleted the old automatic backup {Path} (Storage:BackupKeep = {Keep})")]
    public static partial void BackupDeleted(ILogger logger, string path, int keep);

    [LoggerMessage(3405, LogLevel.Information, "Telemetry served at {Url}: /healthz, /readyz, /metrics")]
    public static partial void TelemetryListening(ILogger logger, string url);

    [LoggerMessage(3406, LogLevel.Information, "Shutdown began: the bot reports not ready; {InFlight} interactions in flight")]
    public static partial void ShutdownBegan(ILogger logger, int inFlight);

    [LoggerMessage(3407, LogLevel.Information, "Shutdown finished in {Seconds:F1} s: {Finished} interactions finished during the drain, {Cut} were cut off")]
    public static partial void ShutdownFinished(ILogger logger, double seconds, int finished, int cut);

    [LoggerMessage(3408, LogLevel.Warning, "Counting members with an active streak failed: {Reason}")]
    public static partial void ActiveStreaksFailed(ILogger logger, string reason);
}
