using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.PeerAnswers;
using MlePrep.Bot.Tests.Answers;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Bot.Tests.PeerAnswers;

/// <summary>The reveal's retries: a run that died mid-way is finished without posting twice, and a refused thread falls back to replies.</summary>
public sealed class PeerRevealsTests
{
    private const ulong Thread = 777;

    private readonly StreakFixture _f = new();
    private readonly List<(ulong Channel, MessagePayload Payload)> _sent = [];
    private readonly DailyOccurrence _first;
    private long _nextId = 50_000;

    public PeerRevealsTests()
    {
        _f.AddSchedule();
        _first = _f.Post(StreakFixture.Start);
        _f.Post(StreakFixture.Start.AddDays(1));
        _f.Rest.Setup(r => r.CreateMessageAsync(It.IsAny<ulong>(), It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .Callback<ulong, MessagePayload, CancellationToken>((channel, payload, _) => _sent.Add((channel, payload)))
            .ReturnsAsync((ulong channel, MessagePayload _, CancellationToken _) => new Message { Id = (ulong)Interlocked.Increment(ref _nextId), ChannelId = channel });
        _f.Rest.Setup(r => r.StartThreadFromMessageAsync(TestData.ChannelId, _first.MessageId!.Value, It.IsAny<ThreadCreate>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PartialChannel { Id = Thread });
    }

    private PeerReveals Reveals() => new(_f.Peers, _f.Answers, _f.Store, _f.Rest.Object, _f.Time, NullLogger<PeerReveals>.Instance);

    private async Task ShareAsync(ulong userId)
    {
        _f.Answer(_first, userId, StreakFixture.Start.AddHours(1));
        Assert.True(await _f.Peers.ShareAsync(new PeerShare(_first.Id, TestData.GuildId, TestData.ChannelId, userId,
            Answer.Key(TestData.GuildId, userId, _first.Id, "T1"), StreakFixture.Start.AddHours(1).AddMinutes(userId))));
    }

    [Fact]
    public async Task A_reveal_that_died_after_a_send_finds_that_message_instead_of_posting_it_again_and_sends_the_rest()
    {
        await ShareAsync(2);
        await ShareAsync(3);
        // An earlier run claimed the reveal, opened the thread and posted member 2's answer, then the process died.
        await _f.Peers.ClaimRevealAsync(new PeerReveal(_first.Id, TestData.GuildId, TestData.ChannelId, StreakFixture.Start.AddDays(1)));
        await _f.Peers.PlaceRevealAsync(_first.Id, Thread);
        var landed = new ListedMessage
        {
            Id = 4242,
            Components = [Component.ActionRow(Component.Button(ButtonStyle.Secondary, "0", CustomIds.Format(new PeerAnswerId(PeerAction.Vote, _first.Id, 2)), "👍"))],
        };
        _f.Rest.Setup(r => r.ListMessagesAsync(Thread, It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([landed]);

        await Reveals().SettleAsync(TestData.ChannelId, default);

        var (channel, payload) = Assert.Single(_sent);
        Assert.Equal(Thread, channel);
        Assert.StartsWith("<@3>", payload.Embeds![0].Description);
        Assert.True(payload is { Nonce.Length: <= 25, EnforceNonce: true });
        Assert.Equal(4242UL, (await _f.Peers.ShareOfAsync(_first.Id, 2))!.MessageId);
        Assert.NotNull((await _f.Peers.ShareOfAsync(_first.Id, 3))!.MessageId);
        _f.Rest.Verify(r => r.StartThreadFromMessageAsync(It.IsAny<ulong>(), It.IsAny<ulong>(), It.IsAny<ThreadCreate>(), It.IsAny<CancellationToken>()), Times.Never);

        await Reveals().SettleAsync(TestData.ChannelId, default);
        Assert.Single(_sent);
    }

    [Fact]
    public async Task A_send_that_fails_for_a_passing_reason_is_finished_by_the_next_run_with_the_same_nonce()
    {
        await ShareAsync(2);
        _f.Rest.SetupSequence(r => r.CreateMessageAsync(Thread, It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DiscordApiException(HttpStatusCode.ServiceUnavailable, 0, "unavailable", "POST /channels/{channel_id}/messages"))
            .ReturnsAsync(new Message { Id = 4343, ChannelId = Thread });
        _f.Rest.Setup(r => r.ListMessagesAsync(Thread, It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);

        await Reveals().SettleAsync(TestData.ChannelId, default);
        Assert.Null((await _f.Peers.ShareOfAsync(_first.Id, 2))!.MessageId);
        Assert.Equal([new PeerOccurrence(_first.Id, TestData.ChannelId)], await _f.Peers.UnsettledAsync(TestData.ChannelId));

        await Reveals().SettleAsync(TestData.ChannelId, default);

        Assert.Equal(4343UL, (await _f.Peers.ShareOfAsync(_first.Id, 2))!.MessageId);
        Assert.NotNull((await _f.Peers.RevealOfAsync(_first.Id))!.CompletedAt);
        _f.Rest.Verify(r => r.StartThreadFromMessageAsync(It.IsAny<ulong>(), It.IsAny<ulong>(), It.IsAny<ThreadCreate>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Without_the_permission_to_open_a_thread_the_answers_reply_to_the_post()
    {
        await ShareAsync(2);
        _f.Rest.Setup(r => r.StartThreadFromMessageAsync(TestData.ChannelId, _first.MessageId!.Value, It.IsAny<ThreadCreate>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DiscordApiException(HttpStatusCode.Forbidden, DiscordErrorCodes.MissingPermissions, "Missing Permissions", "POST /channels/{channel_id}/messages/{message_id}/threads"));

        await Reveals().SettleAsync(TestData.ChannelId, default);

        var (channel, payload) = Assert.Single(_sent);
        Assert.Equal(TestData.ChannelId, channel);
        Assert.Equal(new MessageReference(_first.MessageId!.Value, FailIfNotExists: false), payload.MessageReference);
        Assert.Equal(TestData.ChannelId, (await _f.Peers.RevealOfAsync(_first.Id))!.PlaceId);
    }

    [Fact]
    public async Task Nothing_is_revealed_while_the_window_is_open()
    {
        var latest = _f.Post(StreakFixture.Start.AddDays(2));
        _f.Answer(latest, 2, StreakFixture.Start.AddDays(2).AddHours(1));
        await _f.Peers.ShareAsync(new PeerShare(latest.Id, TestData.GuildId, TestData.ChannelId, 2, Answer.Key(TestData.GuildId, 2, latest.Id, "T1"), StreakFixture.Start.AddDays(2)));

        await Reveals().SettleAsync(TestData.ChannelId, default);

        Assert.Empty(_sent);
        Assert.Null(await _f.Peers.RevealOfAsync(latest.Id));
    }
}
