using Microsoft.Extensions.Options;

namespace MlePrep.Bot.Storage;

/// <summary>
/// Stops the bot when the database became unusable, with <see cref="ExitCode"/>, so that the supervisor restarts it
/// (reopening the file is the only recovery LiteDB has); and warns while the database's disk runs low on space.
/// </summary>
public sealed class StorageWatchdog(
    BotDatabase db, IOptions<StorageOptions> options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<StorageWatchdog> logger)
    : BackgroundService
{
    public const int ExitCode = 5;

    internal static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(StopOnFailureAsync(stoppingToken), WatchFreeSpaceAsync(stoppingToken));

    private async Task StopOnFailureAsync(CancellationToken ct)
    {
        StorageFailure failure;
        try
        {
            failure = await db.Failed.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        Log.StorageFailed(logger, failure.Reason, ExitCode);
        Environment.ExitCode = ExitCode;
        lifetime.StopApplication();
    }

    private async Task WatchFreeSpaceAsync(CancellationToken ct)
    {
        var minimum = options.Value.MinFreeDiskMegabytes * 1024L * 1024;
        if (minimum <= 0 || db.FolderPath is not { } folder)
        {
            return;
        }
        var alarm = new FreeSpaceAlarm(minimum);
        using var timer = new PeriodicTimer(CheckEvery, time);
        try
        {
            do
            {
                var free = new DriveInfo(folder).AvailableFreeSpace;
                switch (alarm.Observe(free, time.GetUtcNow()))
                {
                    case FreeSpaceSignal.Low:
                        Log.LowDiskSpace(logger, folder, free / (1024 * 1024), options.Value.MinFreeDiskMegabytes);
                        break;
                    case FreeSpaceSignal.Recovered:
                        Log.DiskSpaceRecovered(logger, folder, free / (1024 * 1024));
                        break;
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
        }
    }
}

internal enum FreeSpaceSignal
{
    None,
    Low,
    Recovered,
}

/// <summary>When to warn about free disk space: on falling under the minimum, then hourly while it stays under.</summary>
internal sealed class FreeSpaceAlarm(long minimumBytes)
{
    // While it stays low, once an hour is enough to be seen without drowning the log.
    internal static readonly TimeSpan RepeatEvery = TimeSpan.FromHours(1);

    private DateTimeOffset? _warnedAt;

    public FreeSpaceSignal Observe(long freeBytes, DateTimeOffset now)
    {
        if (freeBytes < minimumBytes)
        {
            if (_warnedAt is { } warned && now - warned < RepeatEvery)
            {
                return FreeSpaceSignal.None;
            }
            _warnedAt = now;
            return FreeSpaceSignal.Low;
        }
        if (_warnedAt is null)
        {
            return FreeSpaceSignal.None;
        }
        _warnedAt = null;
        return FreeSpaceSignal.Recovered;
    }
}
