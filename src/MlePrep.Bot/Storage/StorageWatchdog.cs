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

    // While it stays low, once an hour is enough to be seen without drowning the log.
    internal static readonly TimeSpan RepeatWarningEvery = TimeSpan.FromHours(1);

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
        using var timer = new PeriodicTimer(CheckEvery, time);
        DateTimeOffset? warnedAt = null;
        try
        {
            do
            {
                var free = new DriveInfo(folder).AvailableFreeSpace;
                var now = time.GetUtcNow();
                if (free < minimum)
                {
                    if (warnedAt is null || now - warnedAt >= RepeatWarningEvery)
                    {
                        Log.LowDiskSpace(logger, folder, free / (1024 * 1024), options.Value.MinFreeDiskMegabytes);
                        warnedAt = now;
                    }
                }
                else if (warnedAt is not null)
                {
                    Log.DiskSpaceRecovered(logger, folder, free / (1024 * 1024));
                    warnedAt = null;
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
