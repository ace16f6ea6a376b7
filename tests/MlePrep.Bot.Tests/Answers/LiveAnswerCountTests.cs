using MlePrep.Bot.Answers;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Bot.Tests.Answers;

public sealed class LiveAnswerCountTests
{
    private readonly StreakFixture _f = new();

    [Fact]
    public void Many_answers_within_ten_seconds_make_one_edit_that_shows_the_count_at_send_time()
    {
        _f.AddSchedule();
        var occurrence = _f.Post(StreakFixture.Start);
        _f.Time.SetUtcNow(StreakFixture.Start.AddMinutes(1));

        for (var user = 1UL; user <= 30; user++)
        {
            _f.Submit($"answerm:T1:{occurrence.Id}", StreakFixture.LongText(), user);
            _f.Time.Advance(TimeSpan.FromMilliseconds(300));
        }
        Assert.Empty(_f.Edits);

        _f.Time.Advance(TimeSpan.FromSeconds(1));

        var edit = Assert.Single(_f.Edits);
        Assert.Equal((occurrence.ChannelId, occurrence.MessageId!.Value), (edit.Channel, edit.Message));
        Assert.Equal($"{occurrence.Id}: 30 members answered", edit.Payload.Content);
    }

    [Fact]
    public void Answers_after_an_edit_wait_for_ten_seconds_since_it_and_then_make_one_more()
    {
        _f.AddSchedule();
        var occurrence = _f.Post(StreakFixture.Start);
        _f.Submit($"answerm:T1:{occurrence.Id}", StreakFixture.LongText(), 1);
        _f.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Single(_f.Edits);

        _f.Time.Advance(TimeSpan.FromSeconds(2));
        _f.Submit($"answerm:T1:{occurrence.Id}", StreakFixture.LongText(), 2);
        _f.Submit($"answerm:T1:{occurrence.Id}", StreakFixture.LongText(), 3);
        _f.Time.Advance(TimeSpan.FromSeconds(7));
        Assert.Single(_f.Edits);

        _f.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, _f.Edits.Count);
        Assert.Equal($"{occurrence.Id}: 3 members answered", _f.Edits.Last().Payload.Content);

        // A re-submission changes no count, so it edits nothing.
        _f.Submit($"answerm:T1:{occurrence.Id}", StreakFixture.LongText("again"), 3);
        _f.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, _f.Edits.Count);
    }

    [Fact]
    public void A_failed_edit_is_logged_and_the_next_answer_still_updates_the_post()
    {
        _f.AddSchedule();
        var occurrence = _f.Post(StreakFixture.Start);
        _f.Rest.Setup(r => r.EditMessageAsync(It.IsAny<ulong>(), It.IsAny<ulong>(), It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("down"));
        _f.Submit($"answerm:T1:{occurrence.Id}", StreakFixture.LongText(), 1);
        _f.Time.Advance(TimeSpan.FromSeconds(10));

        _f.Time.Advance(TimeSpan.FromMinutes(5));
        _f.Submit($"answerm:T1:{occurrence.Id}", StreakFixture.LongText(), 2);
        _f.Time.Advance(TimeSpan.FromSeconds(9));
        _f.Rest.Verify(r => r.EditMessageAsync(It.IsAny<ulong>(), It.IsAny<ulong>(), It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()), Times.Once);

        _f.Time.Advance(TimeSpan.FromSeconds(1));
        _f.Rest.Verify(r => r.EditMessageAsync(occurrence.ChannelId, occurrence.MessageId!.Value, It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task Shutdown_sends_the_edits_still_waiting_at_once()
    {
        _f.AddSchedule();
        var occurrence = _f.Post(StreakFixture.Start);
        _f.Submit($"answerm:T1:{occurrence.Id}", StreakFixture.LongText(), 1);
        _f.Submit($"answerm:T1:{occurrence.Id}", StreakFixture.LongText(), 2);
        Assert.Empty(_f.Edits);

        await _f.Live.StopAsync(CancellationToken.None);

        var edit = Assert.Single(_f.Edits);
        Assert.Equal($"{occurrence.Id}: 2 members answered", edit.Payload.Content);
    }

    [Fact]
    public async Task Shutdown_waits_a_bounded_time_for_an_edit_discord_does_not_answer()
    {
        _f.AddSchedule();
        var occurrence = _f.Post(StreakFixture.Start);
        var never = new TaskCompletionSource<Message>();
        _f.Rest.Setup(r => r.EditMessageAsync(It.IsAny<ulong>(), It.IsAny<ulong>(), It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>())).Returns(never.Task);
        _f.Submit($"answerm:T1:{occurrence.Id}", StreakFixture.LongText(), 1);

        var stop = _f.Live.StopAsync(CancellationToken.None);
        Assert.False(stop.IsCompleted);
        _f.Time.Advance(LiveAnswerCount.FlushTimeout);

        await stop.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_answer_handled_during_shutdown_is_shown_at_once()
    {
        _f.AddSchedule();
        var occurrence = _f.Post(StreakFixture.Start);
        await _f.Live.StopAsync(CancellationToken.None);

        _f.Submit($"answerm:T1:{occurrence.Id}", StreakFixture.LongText(), 1);

        Assert.Equal($"{occurrence.Id}: 1 members answered", Assert.Single(_f.Edits).Payload.Content);
    }
}
