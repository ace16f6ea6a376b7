using System.Globalization;
using Microsoft.Extensions.Options;

namespace MlePrep.Bot.Operations;

/// <summary>
/// With <c>Storage:BackupPath</c> set: a backup a day (the first one an hour after start), named
/// <c>mleprep-&lt;UTC time&gt;.db</c>, keeping the newest <c>Storage:BackupKeep</c> of those names.
/// </summary>
public sealed class AutomaticBackups(IDatabaseOperations database, IOptions<OperationsOptions> options, TimeProvider time, ILogger<AutomaticBackups> logger)
    : BackgroundService
{
    internal static readonly TimeSpan Every = TimeSpan.FromDays(1);

    // Not at start: a crash loop must not fill the folder, and start-up is busy enough.
    internal static readonly TimeSpan FirstAfter = TimeSpan.FromHours(1);

    internal const string Prefix = "mleprep-";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    /// <summary>The schedule; its first wait is set up before this returns.</summary>
    internal async Task RunAsync(CancellationToken stoppingToken)
    {
        if (options.Value.BackupPath is not { Length: > 0 } folder)
        {
            return;
        }
        try
        {
            await Task.Delay(FirstAfter, time, stoppingToken);
            using var timer = new PeriodicTimer(Every, time);
            do
            {
                await Task.Run(() => BackUp(folder), stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One backup into <paramref name="folder"/>, then the oldest beyond the retention are deleted.</summary>
    internal void BackUp(string folder)
    {
        var target = Path.Combine(folder, NameAt(time.GetUtcNow()));
        try
        {
            Directory.CreateDirectory(folder);
            var bytes = database.Backup(target);
            Log.BackupWritten(logger, target, bytes);
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException)
        {
            Log.BackupFailed(logger, target, e.Message);
            return;
        }
        // The names sort by time; only this feature's own files are ever deleted.
        foreach (var old in Directory.GetFiles(folder, Prefix + "*.db").Order(StringComparer.Ordinal).SkipLast(options.Value.BackupKeep))
        {
            File.Delete(old);
            Log.BackupDeleted(logger, old, options.Value.BackupKeep);
        }
    }

    internal static string NameAt(DateTimeOffset at) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{at:yyyyMMdd'T'HHmmss'Z'}.db");
}
