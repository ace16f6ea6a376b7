using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Bot.Tests.Daily;

public sealed class DailyPosterTests
{
    private const ulong Channel = TestData.ChannelId;
    private static readonly DateTimeOffset Due = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero); // 09:00 Berlin

    private readonly FakeTimeProvider _time = new(Due);
    private readonly IDailyStore _store = new LiteDailyStore(BotDatabase.InMemory());
    private readonly Mock<IDiscordRestClient> _rest = new();
    private readonly Mock<IDailyScheduler> _scheduler = new();
    private readonly List<MessagePayload> _posts = [];
    private readonly List<(ulong Channel, DateTimeOffset Due, DateTimeOffset At)> _retries = [];
    private readonly DailyChannelLocks _locks = new();
    private readonly DailyPoster _poster;
    private readonly DailyRecovery _recovery;

    public DailyPosterTests()
    {
        var bank = new QuestionBank(Enumerable.Range(1, 5).Select(i => TestData.Question($"T{i}")).ToArray());
        _poster = new DailyPoster(_store, bank, _scheduler.Object, _rest.Object, _locks, _time, new Descending(), NullLogger<DailyPoster>.Instance);
        _recovery = new DailyRecovery(_store, _scheduler.Object, _poster, _locks, _time, NullLogger<DailyRecovery>.Instance);
        _scheduler.Setup(s => s.RetryAsync(It.IsAny<ulong>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback<ulong, DateTimeOffset, DateTimeOffset, CancellationToken>((c, due, at, _) => _retries.Add((c, due, at)))
            .Returns(Task.CompletedTask);
        _store.SaveAsync(new DailySchedule
        {
            ChannelId = Channel, GuildId = TestData.GuildId, Hour = 9, TimeZoneId = "Europe/Berlin", OpenThread = true,
            SetAt = Due.AddDays(-30).UtcDateTime,
        }).AsTask().Wait();
        _rest.Setup(r => r.CreateMessageAsync(Channel, It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .Callback<ulong, MessagePayload, CancellationToken>((_, p, _) => _posts.Add(p))
            .ReturnsAsync(() => new Message { Id = 900 + (ulong)_posts.Count, ChannelId = Channel });
        _rest.Setup(r => r.StartThreadFromMessageAsync(Channel, It.IsAny<ulong>(), It.IsAny<ThreadCreate>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new MlePrep.Discord.Interactions.PartialChannel { Id = 555, Type = 11 });
        _rest.Setup(r => r.GetCurrentUserAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new MlePrep.Discord.Interactions.User { Id = 42, Username = "bot" });
        _rest.Setup(r => r.ListMessagesAsync(Channel, 50, It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    /// <summary>Draws the lowest value: each question joining the rotation goes first, so the bank comes out reversed.</summary>
    private sealed class Descending : Random
    {
        public override int Next(int minValue, int maxValue) => minValue;
    }

    [Fact]
    public async Task A_late_post_is_counted_as_late_and_its_log_lines_carry_the_channel_id()
    {
        var outcomes = new List<string>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Metrics.MeterName && instrument.Name == "mleprep.daily.posts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (outcomes)
            {
                outcomes.Add((string)tags[0].Value!);
            }
        });
        listener.Start();
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLogger<DailyPoster>();
        var bank = new QuestionBank(Enumerable.Range(1, 5).Select(i => TestData.Question($"T{i}")).ToArray());
        var poster = new DailyPoster(_store, bank, _scheduler.Object, _rest.Object, _locks, _time, new Descending(), logs);
        _time.Advance(TimeSpan.FromMinutes(5));

        var posted = await poster.PostAsync(Channel, Due, PostTrigger.Schedule, default);

        Assert.True(posted.Occurrence!.Late);
        lock (outcomes)
        {
            Assert.Contains("late", outcomes);
        }
        Assert.NotEmpty(logs.Collector.GetSnapshot());
        Assert.All(logs.Collector.GetSnapshot(), r => Assert.Contains(r.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(f => f),
            f => f.Key == "ChannelId" && (string?)f.Value == Channel.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_rotation_shuffles_with_the_injected_random()
    {
        var posted = await _poster.PostAsync(Channel, Due, PostTrigger.Schedule, default);

        Assert.Equal(PostResult.Posted, posted.Result);
        Assert.Equal("T5", (await _store.OccurrenceAsync($"{Channel}:2026-11-30"))?.QuestionId);
    }

    [Fact]
    public async Task An_occurrence_is_posted_once_with_a_nonce_and_its_thread_and_never_again()
    {
        var first = await _poster.PostAsync(Channel, Due, PostTrigger.Schedule, default);
        var second = await _poster.PostAsync(Channel, Due, PostTrigger.Schedule, default);
        var manual = await _poster.PostAsync(Channel, Due, PostTrigger.Manual, default);

        Assert.Equal(PostResult.Posted, first.Result);
        Assert.Equal(PostResult.AlreadyPosted, second.Result);
        Assert.Equal(PostResult.AlreadyPosted, manual.Result);
        var post = Assert.Single(_posts);
        Assert.True(post.EnforceNonce);
        Assert.InRange(post.Nonce!.Length, 1, 25);
        Assert.Equal("Daily question · Mon 30 Nov", post.Embeds![0].Title);
        var occurrence = (await _store.OccurrenceAsync($"{Channel}:2026-11-30"))!;
        Assert.Equal((OccurrenceStatus.Posted, 901UL, 555UL, false), (occurrence.Status, occurrence.MessageId!.Value, occurrence.ThreadId!.Value, occurrence.Late));
    }

    [Fact]
    public async Task A_thread_that_failed_is_retried_on_its_own_without_reposting()
    {
        _rest.SetupSequence(r => r.StartThreadFromMessageAsync(Channel, It.IsAny<ulong>(), It.IsAny<ThreadCreate>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DiscordApiException(HttpStatusCode.Forbidden, 50013, "Missing Permissions", "POST /channels/{channel_id}/messages/{message_id}/threads"))
            .ReturnsAsync(new MlePrep.Discord.Interactions.PartialChannel { Id = 556, Type = 11 });

        await _poster.PostAsync(Channel, Due, PostTrigger.Schedule, default);
        Assert.Contains("thread could not be opened", (await _store.OccurrenceAsync($"{Channel}:2026-11-30"))!.Reason);
        await _poster.PostAsync(Channel, Due, PostTrigger.Manual, default);

        Assert.Single(_posts);
        Assert.Equal(556UL, (await _store.OccurrenceAsync($"{Channel}:2026-11-30"))!.ThreadId);
    }

    [Fact]
    public async Task Three_refused_occurrences_in_a_row_pause_the_schedule_with_the_reason()
    {
        _rest.Setup(r => r.CreateMessageAsync(Channel, It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DiscordApiException(HttpStatusCode.Forbidden, 50013, "Missing Permissions", "POST /channels/{channel_id}/messages"));

        for (var day = 0; day < 3; day++)
        {
            Assert.Equal(PostResult.Failed, (await _poster.PostAsync(Channel, Due.AddDays(day), PostTrigger.Schedule, default)).Result);
        }

        var schedule = (await _store.ScheduleAsync(Channel))!;
        Assert.True(schedule.Paused);
        Assert.Contains("lacks a permission", schedule.PausedReason);
        _scheduler.Verify(s => s.RemoveAsync(Channel, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(PostResult.NotScheduled, (await _poster.PostAsync(Channel, Due.AddDays(3), PostTrigger.Schedule, default)).Result);
    }

    [Fact]
    public async Task Downtime_posts_the_current_occurrence_late_and_records_older_ones_as_skipped()
    {
        await _store.SaveAsync(new DailyOccurrence { Id = $"{Channel}:2026-11-26", ChannelId = Channel, LocalDate = "2026-11-26", DueAt = Due.AddDays(-4).UtcDateTime, Status = OccurrenceStatus.Posted });
        _time.SetUtcNow(Due.AddHours(3));

        await _recovery.CatchUpAsync((await _store.ScheduleAsync(Channel))!, default);

        var ledger = (await _store.OccurrencesOfAsync(Channel));
        Assert.Equal(["2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"], ledger.Select(o => o.LocalDate));
        Assert.All(ledger.Skip(1).SkipLast(1), o => Assert.Equal(OccurrenceStatus.Skipped, o.Status));
        Assert.True(ledger[^1].Late);
        Assert.Contains("Posted late: the bot was offline at 09:00", Assert.Single(_posts).Content);
    }

    [Fact]
    public async Task Recovery_after_a_post_that_went_out_posts_nothing()
    {
        await _poster.PostAsync(Channel, Due, PostTrigger.Schedule, default);
        _time.SetUtcNow(Due.AddMinutes(5));

        await _recovery.CatchUpAsync((await _store.ScheduleAsync(Channel))!, default);

        Assert.Single(_posts);
    }

    [Fact]
    public async Task The_rotation_does_not_repeat_until_the_bank_is_used_up()
    {
        for (var day = 0; day < 5; day++)
        {
            await _poster.PostAsync(Channel, Due.AddDays(day), PostTrigger.Schedule, default);
        }

        Assert.Equal(5, _posts.Select(p => p.Embeds![0].Footer!.Text).Count());
        Assert.Equal(5, (await _store.OccurrencesOfAsync(Channel)).Select(o => o.QuestionId).Distinct().Count());
    }

    [Fact]
    public async Task A_ping_role_is_mentioned_and_is_the_only_mention_allowed()
    {
        await _store.SaveAsync((await _store.ScheduleAsync(Channel))! with { PingRoleId = 777 });

        await _poster.PostAsync(Channel, Due, PostTrigger.Schedule, default);

        var post = Assert.Single(_posts);
        Assert.StartsWith("<@&777>", post.Content);
        Assert.Equal([777UL], post.AllowedMentions!.Roles);
        Assert.Empty(post.AllowedMentions.Parse);
    }

    private static DiscordApiException Unavailable() =>
        new(HttpStatusCode.ServiceUnavailable, 0, "503: Service Unavailable", "POST /channels/{channel_id}/messages");

    private async Task<DailyOccurrence> TodayAsync() => (await _store.OccurrenceAsync($"{Channel}:2026-11-30"))!;

    [Fact]
    public async Task A_transient_failure_queues_a_retry_with_backoff_and_the_retry_posts_the_same_question()
    {
        _rest.SetupSequence(r => r.CreateMessageAsync(Channel, It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(Unavailable())
            .ThrowsAsync(Unavailable())
            .ReturnsAsync(new Message { Id = 901, ChannelId = Channel });

        Assert.Equal(PostResult.Failed, (await _poster.PostAsync(Channel, Due, PostTrigger.Schedule, default)).Result);
        var today = await TodayAsync();
        var question = today.QuestionId;
        Assert.Equal((OccurrenceStatus.Failed, true), (today.Status, today.Transient));
        Assert.Equal((Channel, Due, Due.AddMinutes(1)), Assert.Single(_retries));

        _time.Advance(TimeSpan.FromMinutes(1));
        await _poster.PostAsync(Channel, Due, PostTrigger.Retry, default);
        Assert.Equal(Due.AddMinutes(1).AddMinutes(2), _retries[1].At); // backoff doubles

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(PostResult.Posted, (await _poster.PostAsync(Channel, Due, PostTrigger.Retry, default)).Result);
        today = await TodayAsync();
        Assert.Equal((OccurrenceStatus.Posted, question, false, 0), (today.Status, today.QuestionId, today.Late, (await _store.ScheduleAsync(Channel))!.ConsecutiveFailures));
        Assert.Equal(2, _retries.Count);
    }

    [Fact]
    public async Task A_timeout_is_caught_marks_the_attempt_failed_with_the_reason_and_is_retried_within_the_day()
    {
        _rest.Setup(r => r.CreateMessageAsync(Channel, It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("POST /channels/{channel_id}/messages got no response within 15 s (attempt 3)."));

        var outcome = await _poster.PostAsync(Channel, Due, PostTrigger.Schedule, default);

        Assert.Equal(PostResult.Failed, outcome.Result);
        var today = await TodayAsync();
        Assert.Equal((OccurrenceStatus.Failed, "Discord did not answer in time", true), (today.Status, today.Reason, today.Transient));
        Assert.Single(_retries);
        Assert.False((await _store.ScheduleAsync(Channel))!.Paused);
    }

    [Fact]
    public async Task Retries_stop_at_the_end_of_the_local_day()
    {
        _rest.Setup(r => r.CreateMessageAsync(Channel, It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>())).ThrowsAsync(Unavailable());
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 22, 50, 0, TimeSpan.Zero)); // 23:50 in Berlin

        await _poster.PostAsync(Channel, Due, PostTrigger.Recovery, default); // first retry 23:51 is still today
        _time.Advance(TimeSpan.FromMinutes(1));
        await _poster.PostAsync(Channel, Due, PostTrigger.Retry, default); // 23:53
        _time.Advance(TimeSpan.FromMinutes(2));
        await _poster.PostAsync(Channel, Due, PostTrigger.Retry, default); // 23:57
        _time.Advance(TimeSpan.FromMinutes(4));
        await _poster.PostAsync(Channel, Due, PostTrigger.Retry, default); // 00:05 would be tomorrow: no retry

        Assert.Equal(3, _retries.Count);
        Assert.All(_retries, r => Assert.True(r.At < new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero)));
        Assert.Null((await TodayAsync()).RetryAt);
    }

    [Fact]
    public async Task At_start_a_transient_failure_is_retried()
    {
        _rest.SetupSequence(r => r.CreateMessageAsync(Channel, It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("connection refused"))
            .ReturnsAsync(new Message { Id = 901, ChannelId = Channel });
        await _poster.PostAsync(Channel, Due, PostTrigger.Schedule, default);
        _time.Advance(TimeSpan.FromMinutes(30));

        await _recovery.CatchUpAsync((await _store.ScheduleAsync(Channel))!, default);

        Assert.Equal(OccurrenceStatus.Posted, (await TodayAsync()).Status);
    }

    [Fact]
    public async Task An_interrupted_post_that_landed_is_found_in_the_channel_and_adopted_instead_of_posted_again()
    {
        var landed = new ListedMessage
        {
            Id = 4242, Author = new MlePrep.Discord.Interactions.User { Id = 42, Username = "bot" },
            Components = [Component.ActionRow(PostButtons.Answer("T3", $"{Channel}:2026-11-30"))],
        };
        _rest.Setup(r => r.ListMessagesAsync(Channel, 50, It.IsAny<CancellationToken>())).ReturnsAsync([landed]);
        await _store.SaveAsync(new DailyOccurrence
        {
            Id = $"{Channel}:2026-11-30", ChannelId = Channel, GuildId = TestData.GuildId, LocalDate = "2026-11-30", DueAt = Due.UtcDateTime,
            Status = OccurrenceStatus.Pending, QuestionId = "T3", Attempts = 1, LastAttemptAt = Due.UtcDateTime,
        });
        _time.SetUtcNow(Due.AddMinutes(20));

        await _recovery.CatchUpAsync((await _store.ScheduleAsync(Channel))!, default);

        Assert.Empty(_posts);
        var today = await TodayAsync();
        Assert.Equal((OccurrenceStatus.Posted, 4242UL), (today.Status, today.MessageId!.Value));
    }

    [Fact]
    public async Task A_pending_attempt_of_less_than_a_minute_ago_relies_on_the_nonce_alone()
    {
        await _store.SaveAsync(new DailyOccurrence
        {
            Id = $"{Channel}:2026-11-30", ChannelId = Channel, GuildId = TestData.GuildId, LocalDate = "2026-11-30", DueAt = Due.UtcDateTime,
            Status = OccurrenceStatus.Pending, QuestionId = "T3", Attempts = 1, LastAttemptAt = Due.UtcDateTime,
        });
        _time.SetUtcNow(Due.AddSeconds(30));

        await _poster.PostAsync(Channel, Due, PostTrigger.Recovery, default);

        _rest.Verify(r => r.ListMessagesAsync(It.IsAny<ulong>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(DailyPostRenderer.Nonce(await TodayAsync()), Assert.Single(_posts).Nonce);
    }

    [Fact]
    public async Task A_schedule_that_cannot_be_caught_up_is_paused_with_the_reason_and_the_others_still_are()
    {
        const ulong broken = Channel - 1; // restored first
        await _store.SaveAsync(new DailySchedule { ChannelId = broken, GuildId = TestData.GuildId, Hour = 9, TimeZoneId = "Mars/Olympus_Mons", SetAt = Due.AddDays(-30).UtcDateTime });
        _time.SetUtcNow(Due.AddHours(1));
        var scheduler = new DailyScheduler(new Mock<Quartz.ISchedulerFactory>().Object, _time);
        _scheduler.Setup(s => s.UpsertAsync(It.IsAny<DailySchedule>(), It.IsAny<CancellationToken>()))
            .Returns<DailySchedule, CancellationToken>((schedule, _) => { scheduler.BuildTrigger(schedule); return Task.CompletedTask; });

        await _recovery.StartAsync(default);
        await _recovery.ExecuteTask!;

        var paused = (await _store.ScheduleAsync(broken))!;
        Assert.True(paused.Paused);
        Assert.Contains("Unknown time zone 'Mars/Olympus_Mons'", paused.PausedReason);
        _scheduler.Verify(s => s.RemoveAsync(broken, It.IsAny<CancellationToken>()));
        Assert.Equal(OccurrenceStatus.Posted, (await TodayAsync()).Status);
    }

    [Fact]
    public async Task A_count_edit_leaves_the_content_and_its_role_mention_as_posted()
    {
        await _store.SaveAsync((await _store.ScheduleAsync(Channel))! with { PingRoleId = 777 });
        await _poster.PostAsync(Channel, Due, PostTrigger.Schedule, default);
        var renderer = new DailyPostRenderer(_store, new QuestionBank(Enumerable.Range(1, 5).Select(i => TestData.Question($"T{i}")).ToArray()));

        var edit = await renderer.RenderAsync(await TodayAsync(), answerCount: 3);

        Assert.Null(edit.Content);
        Assert.Equal([777UL], edit.AllowedMentions!.Roles);
        Assert.Contains("3 members answered", edit.Embeds![0].Footer!.Text);
    }

    [Fact]
    public async Task Pinging_everyone_writes_everyone_and_allows_exactly_that()
    {
        // @everyone's role id is the server's id
        await _store.SaveAsync((await _store.ScheduleAsync(Channel))! with { PingRoleId = TestData.GuildId });

        await _poster.PostAsync(Channel, Due, PostTrigger.Schedule, default);

        var post = Assert.Single(_posts);
        Assert.Equal("@everyone", post.Content);
        Assert.Equal(["everyone"], post.AllowedMentions!.Parse);
        Assert.Null(post.AllowedMentions.Roles);
    }

    [Fact]
    public async Task A_category_the_bank_no_longer_has_fails_the_day_with_the_reason_instead_of_leaving_it_in_progress()
    {
        await _store.SaveAsync((await _store.ScheduleAsync(Channel))! with { Category = "removed-category" });

        var outcome = await _poster.PostAsync(Channel, Due, PostTrigger.Schedule, default);

        Assert.Equal(PostResult.Failed, outcome.Result);
        var today = await TodayAsync();
        Assert.Equal((OccurrenceStatus.Failed, false), (today.Status, today.Transient));
        Assert.Contains("removed-category", today.Reason);
        Assert.Equal(1, (await _store.ScheduleAsync(Channel))!.ConsecutiveFailures);
        Assert.Empty(_posts);
    }
}
