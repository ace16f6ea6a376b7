using LiteDB;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Storage;
using Moq;

namespace MlePrep.Bot.Tests.Storage;

public sealed class StorageFailureTests
{
    private sealed class Row
    {
        public int Id { get; set; }
        public string Text { get; set; } = "";
    }

    /// <summary>A disk that fills up on demand: writes fail as they do with ENOSPC.</summary>
    private sealed class FillableStream : MemoryStream
    {
        public bool Full { get; set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            ThrowIfFull();
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            ThrowIfFull();
            base.Write(buffer);
        }

        private void ThrowIfFull()
        {
            if (Full)
            {
                throw new IOException("No space left on device");
            }
        }
    }

    [Fact]
    public async Task A_full_disk_breaks_the_database_for_good_and_every_later_call_says_so_even_once_space_is_back()
    {
        var log = new FillableStream();
        using var db = BotDatabase.OnStreams(new MemoryStream(), log);
        var rows = db.Collection<Row>("rows");
        rows.Insert(new Row { Id = 1, Text = "kept" });

        log.Full = true;
        var write = Assert.Throws<StorageFailedException>(() => rows.Insert(new Row { Id = 2, Text = new string('x', 20_000) }));
        log.Full = false;
        var read = Assert.Throws<StorageFailedException>(() => rows.FindById(1));

        Assert.IsType<IOException>(write.InnerException);
        Assert.Same(write.Failure, read.Failure);
        Assert.True(db.Failed.IsCompletedSuccessfully);
        Assert.Equal("IOException: No space left on device", (await db.Failed).Reason);
    }

    [Fact]
    public void A_database_broken_by_a_full_disk_can_be_dropped_without_its_leftovers_ending_the_process()
    {
        // On a thread that ends, as a pool thread may: LiteDB keeps a thread's transaction in a thread-local slot.
        var thread = new Thread(BreakAndDrop);
        thread.Start();
        thread.Join();

        // LiteDB's half-disposed transaction, were it collected, fails in its finalizer and ends this process.
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    [Fact]
    public void Errors_about_one_call_are_not_storage_failures()
    {
        using var db = BotDatabase.InMemory();
        var rows = db.Collection<Row>("rows");
        rows.Insert(new Row { Id = 1 });

        var duplicate = Assert.Throws<LiteException>(() => rows.Insert(new Row { Id = 1 }));
        rows.Insert(new Row { Id = 2 });

        Assert.Equal(LiteException.INDEX_DUPLICATE_KEY, duplicate.ErrorCode);
        Assert.False(db.Failed.IsCompleted);
        Assert.Equal(2, rows.Count());
    }

    private static void BreakAndDrop()
    {
        var log = new FillableStream();
        using var db = BotDatabase.OnStreams(new MemoryStream(), log);
        var rows = db.Collection<Row>("rows");
        rows.Insert(new Row { Id = 1 });
        log.Full = true;
        Assert.Throws<StorageFailedException>(() => rows.Insert(new Row { Id = 2, Text = new string('x', 20_000) }));
    }

    [Theory]
    [InlineData(LiteException.INVALID_DATAFILE_STATE, "page type must be index page", true)]
    [InlineData(LiteException.ENGINE_DISPOSED, "This engine instance already disposed.", true)]
    [InlineData(0, "Maximum number of transactions reached", true)]
    [InlineData(0, "This thread contains an open cursors/query. Close cursors before Begin()", false)]
    [InlineData(LiteException.INDEX_DUPLICATE_KEY, "Cannot insert duplicate key", false)]
    public void LiteDB_states_it_cannot_leave_are_failures(int code, string message, bool breaks) =>
        Assert.Equal(breaks, StorageFailure.Breaks(new LiteException(code, message)));

    [Fact]
    public async Task The_watchdog_logs_one_critical_line_sets_exit_code_5_and_stops_the_host_when_the_database_fails()
    {
        var log = new FillableStream();
        using var db = BotDatabase.OnStreams(new MemoryStream(), log);
        var stopped = new TaskCompletionSource();
        var lifetime = new Mock<IHostApplicationLifetime>();
        lifetime.Setup(l => l.StopApplication()).Callback(stopped.SetResult);
        var logger = new FakeLogger<StorageWatchdog>();
        using var watchdog = new StorageWatchdog(db, Options.Create(new StorageOptions()), lifetime.Object, new FakeTimeProvider(), logger);
        await watchdog.StartAsync(CancellationToken.None);
        try
        {
            log.Full = true;
            Assert.Throws<StorageFailedException>(() => db.Collection<Row>("rows").Insert(new Row { Id = 1 }));

            // A guard against a watchdog that never reacts, not a timing assertion.
            await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));

            var critical = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Critical);
            Assert.Equal(601, critical.Id.Id);
            Assert.Null(critical.Exception);
            Assert.Equal("The database failed and stays unusable until a restart (IOException: No space left on device); " +
                "stopping with exit code 5 so that the supervisor restarts the bot", critical.Message);
            Assert.Equal(StorageWatchdog.ExitCode, Environment.ExitCode);
        }
        finally
        {
            Environment.ExitCode = 0;
            await watchdog.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_watchdog_warns_at_start_when_the_database_disk_has_less_free_space_than_the_minimum()
    {
        var folder = Directory.CreateTempSubdirectory("mleprep-disk-").FullName;
        try
        {
            using var db = new BotDatabase(Options.Create(new StorageOptions { DatabasePath = Path.Combine(folder, "bot.db") }));
            var logged = new TaskCompletionSource();
            var logger = new FakeLogger<StorageWatchdog>(new FakeLogCollector(Options.Create(new FakeLogCollectorOptions { OutputSink = _ => logged.TrySetResult() })));
            // No disk has 2 PB free.
            var options = Options.Create(new StorageOptions { MinFreeDiskMegabytes = int.MaxValue });
            using var watchdog = new StorageWatchdog(db, options, Mock.Of<IHostApplicationLifetime>(), new FakeTimeProvider(), logger);

            await watchdog.StartAsync(CancellationToken.None);
            // The first check runs at once (ExecuteAsync runs on the thread pool); a guard, not a timing assertion.
            await logged.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await watchdog.StopAsync(CancellationToken.None);

            var warning = Assert.Single(logger.Collector.GetSnapshot());
            Assert.Equal((LogLevel.Warning, 602), (warning.Level, warning.Id.Id));
            Assert.Contains($"Low disk space for the database in {folder}", warning.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Low_space_is_reported_on_falling_under_then_hourly_and_once_when_it_recovers()
    {
        var alarm = new FreeSpaceAlarm(minimumBytes: 100);
        var t = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(FreeSpaceSignal.None, alarm.Observe(500, t));
        Assert.Equal(FreeSpaceSignal.Low, alarm.Observe(99, t.AddMinutes(1)));
        Assert.Equal(FreeSpaceSignal.None, alarm.Observe(50, t.AddMinutes(2)));
        Assert.Equal(FreeSpaceSignal.None, alarm.Observe(50, t.AddMinutes(60)));
        Assert.Equal(FreeSpaceSignal.Low, alarm.Observe(50, t.AddMinutes(61)));
        Assert.Equal(FreeSpaceSignal.Recovered, alarm.Observe(100, t.AddMinutes(62)));
        Assert.Equal(FreeSpaceSignal.None, alarm.Observe(100, t.AddMinutes(63)));
        Assert.Equal(FreeSpaceSignal.Low, alarm.Observe(10, t.AddMinutes(64)));
    }
}
