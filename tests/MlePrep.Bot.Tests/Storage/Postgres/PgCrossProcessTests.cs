using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Storage.Postgres;

namespace MlePrep.Bot.Tests.Storage.Postgres;

/// <summary>
/// Two bot processes on one PostgreSQL database, each with its own adapters, caches and locks (as two processes have):
/// what one writes, the other's streaks and boards see at once, and the channel locks hold across them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PgCrossProcessTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset Due = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly DailySchedule Schedule = new() { ChannelId = 10, GuildId = 1, Hour = 9, TimeZoneId = "UTC", Rotation = ["T1"] };

    private PgTestDatabase _db = null!;
    private Process _a = null!, _b = null!;

    public async Task InitializeAsync()
    {
        _db = new PgTestDatabase(await server.CreateDatabaseAsync());
        _a = new Process(_db.Open());
        _b = new Process(_db.Open());
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_answer_and_a_post_through_one_process_show_on_the_others_streak_and_board_at_once()
    {
        await _a.Daily.SaveAsync(Schedule);
        await _a.Daily.SaveAsync(Posted(Due));
        await _a.AnswerAsync(Answer(user: 7, Due.AddHours(1), Due));
        // The reading process has derived and kept its board and posted ledger.
        Assert.Equal(1, (await _b.Streaks.OfAsync(10, 7)).Current);
        Assert.Equal([7UL], (await _b.Streaks.BoardAsync(Schedule, BoardSort.Current, Due.AddHours(2), 7)).Top.Select(e => e.Standing.UserId));

        await _a.Daily.SaveAsync(Posted(Due.AddDays(1)));
        await _a.AnswerAsync(Answer(user: 7, Due.AddDays(1).AddHours(1), Due.AddDays(1)));
        await _a.AnswerAsync(Answer(user: 8, Due.AddDays(1).AddHours(2), Due.AddDays(1)));

        Assert.Equal(2, (await _b.Streaks.OfAsync(10, 7)).Current);
        var board = await _b.Streaks.BoardAsync(Schedule, BoardSort.Current, Due.AddDays(1).AddHours(3), 7);
        Assert.Equal([(7UL, 2), (8UL, 1)], board.Top.Select(e => (e.Standing.UserId, e.Standing.Value)));
    }

    [Fact]
    public async Task A_channels_schedule_lock_held_by_one_process_makes_the_other_wait_until_it_is_released()
    {
        var held = await _a.Locks.AcquireAsync(10, CancellationToken.None);

        var waiting = _b.Locks.AcquireAsync(10, CancellationToken.None);
        await WaitForBlockedAdvisoryLockAsync();
        Assert.False(waiting.IsCompleted);
        // Another channel, and the same channel's post lock, are free meanwhile.
        (await _b.Locks.AcquireAsync(11, CancellationToken.None)).Dispose();
        (await _b.Locks.AcquirePostAsync(10, CancellationToken.None)).Dispose();

        held.Dispose();
        (await waiting.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    [Fact]
    public async Task A_channels_post_lock_is_held_across_processes_too()
    {
        var held = await _a.Locks.AcquirePostAsync(10, CancellationToken.None);

        var waiting = _b.Locks.AcquirePostAsync(10, CancellationToken.None);
        await WaitForBlockedAdvisoryLockAsync();
        Assert.False(waiting.IsCompleted);

        held.Dispose();
        (await waiting.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    /// <summary>Until PostgreSQL shows a session waiting for an advisory lock (the other process's acquire is blocked there).</summary>
    private async Task WaitForBlockedAdvisoryLockAsync()
    {
        using var probe = _db.Open();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await probe.Source.Command("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").LongAsync() == 0)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private static DailyOccurrence Posted(DateTimeOffset due) => new()
    {
        Id = DailyOccurrence.Key(10, DateOnly.FromDateTime(due.UtcDateTime)), ChannelId = 10, GuildId = 1,
        LocalDate = due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), DueAt = due.UtcDateTime,
        Status = OccurrenceStatus.Posted, PostedAt = due.UtcDateTime, MessageId = 1, QuestionId = "T1",
    };

    private static AnswerSubmission Answer(ulong user, DateTimeOffset at, DateTimeOffset due) =>
        new(1, user, 10, "T1", DailyOccurrence.Key(10, DateOnly.FromDateTime(due.UtcDateTime)), "An answer long enough to count.", 0, at);

    /// <summary>What one bot process has of its own: adapters on its own connection pool, caches and locks.</summary>
    private sealed class Process
    {
        public Process(PostgresDatabase db)
        {
            Daily = new PgDailyStore(db);
            Answers = new PgAnswerStore(db);
            Streaks = new StreakService(new DailyLedger(Daily), Answers);
            Locks = new DailyChannelLocks(new PgChannelLocks(db));
        }

        public IDailyStore Daily { get; }
        public IAnswerStore Answers { get; }
        public StreakService Streaks { get; }
        public DailyChannelLocks Locks { get; }

        /// <summary>Stores an answer and records it in the member's streak, as the answer modal does.</summary>
        public async Task AnswerAsync(AnswerSubmission submission)
        {
            var saved = await Answers.SaveAsync(submission);
            await Streaks.RecordAsync(submission.ChannelId, submission.UserId, submission.OccurrenceId!, saved.Answer.AnsweredAt);
        }
    }
}
