namespace MlePrep.Bot;

/// <summary>Storage log lines: event ids 600–649.</summary>
internal static partial class Log
{
    [LoggerMessage(600, LogLevel.Information, "Opened the database {Path} (schema version {Found}, now {Current})")]
    public static partial void DatabaseOpened(ILogger logger, string path, int found, int current);

    [LoggerMessage(601, LogLevel.Critical, "The database failed and stays unusable until a restart ({Reason}); stopping with exit code {ExitCode} so that the supervisor restarts the bot")]
    public static partial void StorageFailed(ILogger logger, string reason, int exitCode);

    [LoggerMessage(602, LogLevel.Warning, "Low disk space for the database in {Folder}: {FreeMegabytes} MB free, under Storage:MinFreeDiskMegabytes ({MinimumMegabytes} MB); a full disk stops the bot")]
    public static partial void LowDiskSpace(ILogger logger, string folder, long freeMegabytes, int minimumMegabytes);

    [LoggerMessage(603, LogLevel.Information, "Disk space for the database in {Folder} is back above the minimum: {FreeMegabytes} MB free")]
    public static partial void DiskSpaceRecovered(ILogger logger, string folder, long freeMegabytes);
}
