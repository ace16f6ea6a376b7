using LiteDB;
using LiteDB.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlePrep.Bot.Operations;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Operations;

/// <summary>Backups of the open database (the running bot's side of <c>backup</c>) and <c>restore</c> with the bot stopped.</summary>
public sealed class BackupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-backup-").FullName;

    private string DatabasePath => Path.Combine(_folder, "bot.db");

    private (ServiceProvider Services, IDatabaseOperations Operations) Open()
    {
        var options = Options.Create(new StorageOptions { DatabasePath = DatabasePath });
        var services = new ServiceCollection().AddSingleton(options).AddSingleton<BotDatabase>().BuildServiceProvider();
        return (services, new LiteDatabaseOperations(services, options));
    }

    private static int CountIn(string path)
    {
        using var db = new LiteDatabase(new LiteEngine(new EngineSettings { Filename = path, ReadOnly = true }), disposeOnClose: true);
        return db.GetCollection("notes").Count();
    }

    [Fact]
    public void A_backup_of_the_open_database_holds_every_committed_write_even_those_still_in_the_log()
    {
        var (services, operations) = Open();
        using (services)
        {
            var notes = services.GetRequiredService<BotDatabase>().Collection<BsonDocument>("notes");
            for (var i = 0; i < 500; i++)
            {
                notes.Insert(new BsonDocument { ["_id"] = i, ["text"] = new string('x', 200) });
            }
            // The writes sit in LiteDB's log (checkpoints come every 5000 pages): a plain copy of the data file lacks them.
            var target = Path.Combine(_folder, "copy.db");

            var bytes = operations.Backup(target);

            Assert.Equal(new FileInfo(target).Length, bytes);
            Assert.Equal(500, CountIn(target));
        }
    }

    [Fact]
    public async Task A_backup_taken_while_another_thread_writes_is_whole()
    {
        var (services, operations) = Open();
        using (services)
        {
            var notes = services.GetRequiredService<BotDatabase>().Collection<BsonDocument>("notes");
            using var stop = new CancellationTokenSource();
            var written = 0;
            var writer = Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    notes.Insert(new BsonDocument { ["_id"] = written + 1, ["text"] = "note" });
                    Interlocked.Increment(ref written);
                }
            });
            while (Volatile.Read(ref written) < 200)
            {
                await Task.Yield();
            }
            var before = Volatile.Read(ref written);

            operations.Backup(Path.Combine(_folder, "copy.db"));
            var after = Volatile.Read(ref written);
            await stop.CancelAsync();
            await writer;

            Assert.InRange(CountIn(Path.Combine(_folder, "copy.db")), before, after + 1);
        }
    }

    [Fact]
    public void A_backup_never_overwrites_a_file_nor_writes_over_the_database()
    {
        var (services, operations) = Open();
        using (services)
        {
            services.GetRequiredService<BotDatabase>();
            var existing = Path.Combine(_folder, "existing.db");
            File.WriteAllText(existing, "keep me");

            Assert.Contains("exists already", Assert.Throws<BackupException>(() => operations.Backup(existing)).Message);
            Assert.Equal("keep me", File.ReadAllText(existing));
            Assert.Contains("the database's own file", Assert.Throws<BackupException>(() => operations.Backup(DatabasePath + ".copy")).Message);
        }
    }

    [Fact]
    public void Restore_refuses_while_the_database_is_open_and_puts_the_backup_in_place_once_it_is_closed()
    {
        var (services, operations) = Open();
        var backup = Path.Combine(_folder, "backup.db");
        using (services)
        {
            var notes = services.GetRequiredService<BotDatabase>().Collection<BsonDocument>("notes");
            notes.Insert(new BsonDocument { ["_id"] = 1 });
            operations.Backup(backup);
            notes.Insert(new BsonDocument { ["_id"] = 2 });

            var refused = Assert.Throws<BackupException>(() => operations.Restore(backup));

            Assert.Contains("is in use by another process", refused.Message);
            Assert.EndsWith("A restore replaces the database, so the bot must be stopped first.", refused.Message);
            Assert.True(operations.InUse());
        }
        Assert.False(operations.InUse());

        operations.Restore(backup);

        Assert.Equal(1, CountIn(DatabasePath));
        Assert.Equal(2, CountIn(DatabasePath + ".before-restore"));
        Assert.Empty(operations.Check());
    }

    [Fact]
    public void Restore_refuses_a_file_that_is_not_a_database_and_leaves_the_database_alone()
    {
        var (services, operations) = Open();
        using (services)
        {
            services.GetRequiredService<BotDatabase>().Collection<BsonDocument>("notes").Insert(new BsonDocument { ["_id"] = 1 });
        }
        var junk = Path.Combine(_folder, "junk.db");
        File.WriteAllBytes(junk, new byte[8192]);

        Assert.Throws<BackupException>(() => operations.Restore(junk));

        Assert.Equal(1, CountIn(DatabasePath));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
