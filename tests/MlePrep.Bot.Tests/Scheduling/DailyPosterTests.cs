using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Scheduling;
using MlePrep.Bot.Storage;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Bot.Tests.Scheduling;

public sealed class DailyPosterTests
{
    private const ulong Channel = TestData.ChannelId;
    private static readonly DateTimeOffset Due = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero); // 09:00 Berlin

    private readonly FakeTimeProvider _time = new(Due);
    private readonly DailyStore _store = new(BotDatabase.InMemory());
    private readonly Mock<IDiscordRestClient> _rest = new();
    private readonly Mock<IDailyScheduler> _scheduler = new();
    private readonly List<MessagePayload> _posts = [];
    private readonly DailyPoster _poster;
    private readonly DailyRecovery _recovery;

    public DailyPosterTests()
    {
        var bank = new QuestionBank(Enumerable.Range(1, 5).Select(i => TestData.Question($"T{i}")).ToArray());
        _poster = new DailyPoster(_store, bank, _scheduler.Object, _rest.Object, _time, NullLogger<DailyPoster>.Instance);
        _recovery = new DailyRecovery(_store, _scheduler.Object, _poster, _time, NullLogger<DailyRecovery>.Instance);
        _store.Save(new DailySchedule
        {
            Id = (long)Channel, GuildId = TestData.GuildId, Hour = 9, TimeZoneId = "Europe/Berlin", OpenThread = true,
            SetAt = Due.AddDays(-30).UtcDateTime,
        });
        _rest.Setup(r => r.CreateMessageAsync(Channel, It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .Callback<ulong, MessagePayload, CancellationToken>((_, p, _) => _posts.Add(p))
            .ReturnsAsync(() => new Message { Id = 900 + (ulong)_posts.Count, ChannelId = Channel });
        _rest.Setup(r => r.StartThreadFromMessageAsync(Channel, It.IsAny<ulong>(), It.IsAny<ThreadCreate>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new MlePrep.Discord.Interactions.PartialChannel { Id = 555, Type = 11 });
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
        var occurrence = _store.Occurrence($"{Channel}:2026-11-30")!;
        Assert.Equal((OccurrenceStatus.Posted, 901UL, 555UL, false), (occurrence.Status, occurrence.MessageId!.Value, occurrence.ThreadId!.Value, occurrence.Late));
    }

    [Fact]
    public async Task A_thread_that_failed_is_retried_on_its_own_without_reposting()
    {
        _rest.SetupSequence(r => r.StartThreadFromMessageAsync(Channel, It.IsAny<ulong>(), It.IsAny<ThreadCreate>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DiscordApiException(HttpStatusCode.Forbidden, 50013, "Missing Permissions", "POST /channels/{channel_id}/messages/{message_id}/threads"))
            .ReturnsAsync(new MlePrep.Discord.Interactions.PartialChannel { Id = 556, Type = 11 });

        await _poster.PostAsync(Channel, Due, PostTrigger.Schedule, default);
        Assert.Contains("thread could not be opened", _store.Occurrence($"{Channel}:2026-11-30")!.Reason);
        await _poster.PostAsync(Channel, Due, PostTrigger.Manual, default);

        Assert.Single(_posts);
        Assert.Equal(556UL, _store.Occurrence($"{Channel}:2026-11-30")!.ThreadId);
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

        var schedule = _store.Schedule(Channel)!;
        Assert.True(schedule.Paused);
        Assert.Contains("lacks a permission", schedule.PausedReason);
        _scheduler.Verify(s => s.RemoveAsync(Channel, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(PostResult.NotScheduled, (await _poster.PostAsync(Channel, Due.AddDays(3), PostTrigger.Schedule, default)).Result);
    }

    [Fact]
    public async Task Downtime_posts_the_current_occurrence_late_and_records_older_ones_as_skipped()
    {
        _store.Save(new DailyOccurrence { Id = $"{Channel}:2026-11-26", ChannelId = Channel, LocalDate = "2026-11-26", DueAt = Due.AddDays(-4).UtcDateTime, Status = OccurrenceStatus.Posted });
        _time.SetUtcNow(Due.AddHours(3));

        await _recovery.CatchUpAsync(_store.Schedule(Channel)!, default);

        var ledger = _store.OccurrencesOf(Channel);
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

        await _recovery.CatchUpAsync(_store.Schedule(Channel)!, default);

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
        Assert.Equal(5, _store.OccurrencesOf(Channel).Select(o => o.QuestionId).Distinct().Count());
    }

    [Fact]
    public async Task A_ping_role_is_mentioned_and_is_the_only_mention_allowed()
    {
        var schedule = _store.Schedule(Channel)!;
        schedule.PingRoleId = 777;
        _store.Save(schedule);

        await _poster.PostAsync(Channel, Due, PostTrigger.Schedule, default);

        var post = Assert.Single(_posts);
        Assert.StartsWith("<@&777>", post.Content);
        Assert.Equal([777UL], post.AllowedMentions!.Roles);
        Assert.Empty(post.AllowedMentions.Parse);
    }
}
