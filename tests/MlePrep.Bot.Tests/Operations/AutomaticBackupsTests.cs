using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Operations;
using Moq;

namespace MlePrep.Bot.Tests.Operations;

/// <summary>Storage:BackupPath and Storage:BackupKeep: a backup a day on the bot's clock, the oldest beyond the retention deleted.</summary>
public sealed class AutomaticBackupsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-auto-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
    private readonly Mock<IDatabaseOperations> _database = new();

    public AutomaticBackupsTests() =>
        _database.Setup(d => d.Backup(It.IsAny<string>())).Returns<string>(path =>
        {
            File.WriteAllText(path, "backup");
            return 6;
        });

    private AutomaticBackups Backups(int keep) => new(_database.Object,
        Options.Create(new OperationsOptions { BackupPath = _folder, BackupKeep = keep }), _time, NullLogger<AutomaticBackups>.Instance);

    private string[] Files() => Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void Only_the_newest_backups_are_kept_and_other_files_in_the_folder_are_left_alone()
    {
        File.WriteAllText(Path.Combine(_folder, "keep-me.db"), "mine");
        var backups = Backups(keep: 2);

        for (var day = 0; day < 4; day++)
        {
            backups.BackUp(_folder);
            _time.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(["keep-me.db", "mleprep-20261203T030000Z.db", "mleprep-20261204T030000Z.db"], Files());
    }

    [Fact]
    public async Task The_first_backup_comes_an_hour_after_start_then_one_a_day()
    {
        using var backups = Backups(keep: 7);
        using var stop = new CancellationTokenSource();
        var running = backups.RunAsync(stop.Token);

        _time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(50);
        Assert.Empty(Files());
        _time.Advance(TimeSpan.FromMinutes(1));
        await Until.TrueAsync(() => Files().Length == 1, TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromDays(1));
        await Until.TrueAsync(() => Files().Length == 2, TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await running;

        Assert.Equal(["mleprep-20261201T040000Z.db", "mleprep-20261202T040000Z.db"], Files());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
