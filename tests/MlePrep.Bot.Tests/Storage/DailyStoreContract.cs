using MlePrep.Bot.Daily;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>
/// What every <see cref="IDailyStore"/> adapter must do (the contract on the interface). Each adapter runs these facts
/// through a subclass that opens it on empty storage.
/// </summary>
public abstract class DailyStoreContract
{
    private const ulong Guild = 1, OtherGuild = 2, Channel = 10, OtherChannel = 11;
    private static readonly DateTime Due = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>The adapter under test, on storage that starts empty.</summary>
    protected abstract IDailyStore Store { get; }

    /// <summary>A new adapter instance on the same storage: nothing kept in memory by the previous one survives.</summary>
    protected abstract IDailyStore Reopen();

    private static DailySchedule Schedule(ulong channel = Channel, ulong guild = Guild) => new()
    {
        ChannelId = channel, GuildId = guild, Hour = 9, Minute = 30, TimeZoneId = "Europe/Berlin", Days = PostingDays.Weekdays,
        Category = "technical", PingRoleId = 77, OpenThread = true, Paused = true, PausedReason = "why", ConsecutiveFailures = 2,
        SetBy = 5, SetAt = Due.AddDays(-30), Rotation = ["T1", "T2", "T3"], RotationIndex = 2,
    };

    private static DailyOccurrence Occurrence(int day, ulong channel = Channel, OccurrenceStatus status = OccurrenceStatus.Posted) => new()
    {
        Id = DailyOccurrence.Key(channel, DateOnly.FromDateTime(Due.AddDays(day))), ChannelId = channel, GuildId = Guild,
        LocalDate = DateOnly.FromDateTime(Due.AddDays(day)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DueAt = Due.AddDays(day), Status = status, PostedAt = status == OccurrenceStatus.Posted ? Due.AddDays(day).AddSeconds(2) : null,
        MessageId = 900 + (ulong)(day + 10), QuestionId = "T1", ThreadId = 555, Late = true, Reason = "a reason", Attempts = 2,
        LastAttemptAt = Due.AddDays(day).AddSeconds(1), Transient = true, RetryAt = Due.AddDays(day).AddMinutes(2),
    };

    [Fact]
    public async Task A_schedule_reads_back_whole_and_saving_again_replaces_it()
    {
        await Store.SaveAsync(Schedule());
        var changed = Schedule() with { Hour = 7, Category = null, PingRoleId = null, Paused = false, PausedReason = null, Rotation = ["T9"], RotationIndex = 0 };
        await Store.SaveAsync(changed);

        var read = (await Reopen().ScheduleAsync(Channel))!;
        Assert.Equal(changed with { Rotation = read.Rotation }, read);
        Assert.Equal(["T9"], read.Rotation);
        Assert.Single(await Store.AllSchedulesAsync());
    }

    [Fact]
    public async Task Schedules_are_listed_per_server_by_channel_and_a_missing_one_is_null()
    {
        await Store.SaveAsync(Schedule(OtherChannel));
        await Store.SaveAsync(Schedule(Channel));
        await Store.SaveAsync(Schedule(12, OtherGuild));

        Assert.Equal([Channel, OtherChannel], (await Store.SchedulesOfAsync(Guild)).Select(s => s.ChannelId));
        Assert.Equal(3, (await Store.AllSchedulesAsync()).Count);
        Assert.Null(await Store.ScheduleAsync(99));
    }

    [Fact]
    public async Task Deleting_a_schedule_keeps_the_channels_occurrences()
    {
        await Store.SaveAsync(Schedule());
        await Store.SaveAsync(Occurrence(0));

        Assert.True(await Store.DeleteScheduleAsync(Channel));
        Assert.False(await Store.DeleteScheduleAsync(Channel));

        var reopened = Reopen();
        Assert.Null(await reopened.ScheduleAsync(Channel));
        Assert.Equal([Occurrence(0).Id], (await reopened.OccurrencesOfAsync(Channel)).Select(o => o.Id));
    }

    [Fact]
    public async Task An_occurrence_reads_back_whole_and_saving_again_replaces_it()
    {
        await Store.SaveAsync(Occurrence(0));
        var posted = Occurrence(0) with { Status = OccurrenceStatus.Failed, PostedAt = null, ThreadId = null, Reason = null, RetryAt = null };
        await Store.SaveAsync(posted);

        var read = (await Reopen().OccurrenceAsync(posted.Id))!;
        Assert.Equal(posted, read);
        Assert.Null(await Store.OccurrenceAsync(DailyOccurrence.Key(Channel, new DateOnly(2020, 1, 1))));
    }

    [Fact]
    public async Task An_occurrence_is_added_once_per_channel_and_date_and_never_overwritten_by_an_add()
    {
        Assert.True(await Store.TryAddAsync(Occurrence(0, status: OccurrenceStatus.Skipped)));
        Assert.False(await Store.TryAddAsync(Occurrence(0)));
        Assert.True(await Store.TryAddAsync(Occurrence(0, OtherChannel)));

        Assert.Equal(OccurrenceStatus.Skipped, (await Reopen().OccurrenceAsync(Occurrence(0).Id))!.Status);
    }

    [Fact]
    public async Task Of_concurrent_adds_of_one_channel_and_date_exactly_one_succeeds()
    {
        var added = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 32), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            if (await Store.TryAddAsync(Occurrence(0) with { Attempts = i }))
            {
                Interlocked.Increment(ref added);
            }
        });

        Assert.Equal(1, added);
        Assert.Single(await Reopen().OccurrencesOfAsync(Channel));
    }

    [Fact]
    public async Task A_channels_occurrences_come_oldest_first_and_the_latest_is_by_due_time()
    {
        await Store.SaveAsync(Occurrence(2));
        await Store.SaveAsync(Occurrence(0));
        await Store.SaveAsync(Occurrence(1));
        await Store.SaveAsync(Occurrence(5, OtherChannel));

        Assert.Equal([Occurrence(0).Id, Occurrence(1).Id, Occurrence(2).Id], (await Store.OccurrencesOfAsync(Channel)).Select(o => o.Id));
        Assert.Equal(Occurrence(2).Id, (await Store.LatestOccurrenceAsync(Channel))!.Id);
        Assert.Null(await Store.LatestOccurrenceAsync(99));
    }

    [Fact]
    public async Task The_ledger_version_changes_after_every_ledger_write_and_not_on_an_add_that_found_the_date_taken()
    {
        var start = await Store.OccurrencesVersionAsync();
        await Store.SaveAsync(Occurrence(0));
        var saved = await Store.OccurrencesVersionAsync();
        Assert.NotEqual(start, saved);
        Assert.Equal(OccurrenceStatus.Posted, (await Store.OccurrenceAsync(Occurrence(0).Id))!.Status);

        Assert.True(await Store.TryAddAsync(Occurrence(1)));
        var added = await Store.OccurrencesVersionAsync();
        Assert.NotEqual(saved, added);

        Assert.False(await Store.TryAddAsync(Occurrence(1)));
        await Store.SaveAsync(Schedule());
        Assert.Equal(added, await Store.OccurrencesVersionAsync());
    }
}
