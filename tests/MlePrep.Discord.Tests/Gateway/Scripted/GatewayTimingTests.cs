using Microsoft.Extensions.Logging;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Discord.Tests.Gateway.Scripted;

/// <summary>
/// The gateway's timing rules on fake time: heartbeat interval and jitter, op 1, zombie detection, back-off, the pause
/// after op 9 and the Identify budget. Each rule is checked one tick before its due time and at it.
/// </summary>
public sealed class GatewayTimingTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static int Op(System.Text.Json.Nodes.JsonNode frame) => frame["op"]!.GetValue<int>();

    [Fact]
    public async Task The_first_heartbeat_waits_interval_times_jitter_then_beats_every_interval_with_the_last_sequence()
    {
        await using var g = ScriptedGateway.Start(ScriptedGateway.DefaultPolicy(jitter: 0.2));
        var c = await g.ConnectAndIdentifyAsync();
        var first = ScriptedGateway.Interval * 0.2; // 8,250 ms: whole milliseconds, as timers count them

        await g.AdvanceThroughAsync(first, () => Assert.Equal(0, c.Unread));
        var beat = await c.NextFrameAsync();
        Assert.Equal((1, first), (Op(beat), g.Clock.Elapsed));
        Assert.Equal(1, beat["d"]!.GetValue<int>());

        await g.AckAsync(c, sequence: 2);
        await g.AdvanceThroughAsync(ScriptedGateway.Interval, () => Assert.Equal(0, c.Unread));
        var second = await c.NextFrameAsync();
        Assert.Equal((1, first + ScriptedGateway.Interval), (Op(second), g.Clock.Elapsed));
        Assert.Equal(2, second["d"]!.GetValue<int>());
        Assert.False(c.ClientClosed);
    }

    [Fact]
    public async Task A_heartbeat_request_op1_is_answered_at_once_without_the_clock_moving()
    {
        await using var g = ScriptedGateway.Start(ScriptedGateway.DefaultPolicy(jitter: 0.99));
        var c = await g.ConnectAndIdentifyAsync();

        c.Send(new System.Text.Json.Nodes.JsonObject { ["op"] = 1, ["d"] = null });
        var beat = await c.NextFrameAsync();

        Assert.Equal(1, Op(beat));
        Assert.Equal(1, beat["d"]!.GetValue<int>());
        Assert.Equal(TimeSpan.Zero, g.Clock.Elapsed);
    }

    [Fact]
    public async Task No_ack_by_the_next_beat_is_a_zombie_closed_with_a_resumable_code_and_resumed_on_the_resume_url()
    {
        await using var g = ScriptedGateway.Start(ScriptedGateway.DefaultPolicy(jitter: 0.5));
        var c = await g.ConnectAndIdentifyAsync("zombie-session");
        await g.AdvanceThroughAsync(ScriptedGateway.Interval * 0.5, () => { });
        Assert.Equal(1, Op(await c.NextFrameAsync()));

        // No ACK: one tick before the next beat the connection is still trusted, at the beat it is not.
        await g.AdvanceThroughAsync(ScriptedGateway.Interval, () => Assert.False(c.ClientClosed));

        Assert.Equal(GatewayCloseCodes.Resuming, await c.ClientClose);
        Assert.Equal(0, c.Unread);
        var resumed = await g.Transports.NextConnectionAsync();
        Assert.Equal(new Uri(ScriptedGateway.ResumeUrl, "?v=10&encoding=json"), resumed.Uri);
        resumed.Hello(ScriptedGateway.Interval);
        var resume = await resumed.NextFrameAsync();
        Assert.Equal(6, Op(resume));
        Assert.Equal("zombie-session", resume["d"]!["session_id"]!.GetValue<string>());
        Assert.Equal(1, resume["d"]!["seq"]!.GetValue<int>());
        Assert.Contains(g.Logs.GetSnapshot(), r => r.Id.Id == 1011);
    }

    [Fact]
    public async Task A_fatal_close_from_discord_wins_over_a_close_the_client_began()
    {
        await using var g = ScriptedGateway.Start(ScriptedGateway.DefaultPolicy(jitter: 0.5));
        var c = await g.ConnectAndIdentifyAsync();
        c.EchoClose = false;
        await g.AdvanceThroughAsync(ScriptedGateway.Interval * 0.5, () => { });
        Assert.Equal(1, Op(await c.NextFrameAsync()));
        await g.AdvanceThroughAsync(ScriptedGateway.Interval, () => { });
        Assert.Equal(GatewayCloseCodes.Resuming, await c.ClientClose);

        // The frames crossed: Discord had closed the session for a reason of its own (the token was reset).
        c.ServerClose(4004);

        var fatal = await g.Run.WaitAsync(GatewayHarness.Timeout);
        Assert.Equal(4004, fatal.CloseCode);
        Assert.Single(g.Transports.Attempts);
    }

    [Fact]
    public async Task Failed_reconnects_back_off_doubling_from_one_second_with_jitter_up_to_the_cap_and_log_one_line_each()
    {
        var policy = ScriptedGateway.DefaultPolicy(jitter: 0.5);
        await using var g = ScriptedGateway.Start(new GatewayPolicy(new FixedRandom(0.5)) { MaxBackoff = TimeSpan.FromSeconds(4), CloseTimeout = policy.CloseTimeout });
        var c = await g.ConnectAndIdentifyAsync();
        g.Transports.FailNextConnects = 4;

        c.Drop();
        // An established connection reconnects at once; failed attempts wait 1 s, 2 s, 4 s, 4 s (capped), each × 0.75.
        TimeSpan[] delays = [TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)];
        var expectedAt = TimeSpan.Zero;
        List<TimeSpan> attemptsAt = [expectedAt];
        for (var i = 0; i < delays.Length; i++)
        {
            var attempts = i + 2; // the first connection and the immediate retry
            await g.AdvanceThroughAsync(delays[i], () => Assert.Equal(attempts, g.Transports.Attempts.Count), timerCount: delays.Take(i + 1).Count(d => d == delays[i]));
            expectedAt += delays[i];
            attemptsAt.Add(expectedAt);
        }

        var resumed = await g.Transports.NextConnectionAsync();
        Assert.Equal([TimeSpan.Zero, .. attemptsAt], g.Transports.Attempts.Select(a => a.At));
        Assert.All(g.Transports.Attempts.Skip(1), a => Assert.Equal(ScriptedGateway.ResumeUrl.Host, a.Uri.Host));
        var retries = g.Logs.GetSnapshot().Where(r => r.Id.Id == 2120).Select(r => r.Message).ToList();
        Assert.Equal(["750", "1500", "3000", "3000"], retries.Select(m => m.Split("retrying in ")[1].Split(' ')[0]));
        Assert.All(retries, m => Assert.Contains("Unable to connect to the remote server", m, StringComparison.Ordinal));
        resumed.Hello(ScriptedGateway.Interval);
        Assert.Equal(6, Op(await resumed.NextFrameAsync()));
    }

    [Fact]
    public async Task While_the_API_is_unreachable_each_attempt_logs_one_warning_with_the_reason_and_the_stack_trace_only_at_debug()
    {
        var rest = new Mock<IDiscordRestClient>(MockBehavior.Strict);
        rest.Setup(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("Connection refused (discord.test:443)"));
        await using var g = ScriptedGateway.Start(rest: rest);

        await g.AdvanceThroughAsync(TimeSpan.FromSeconds(0.75), () => rest.Verify(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>()), Times.Once()));
        await g.AdvanceThroughAsync(TimeSpan.FromSeconds(1.5), () => rest.Verify(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>()), Times.Exactly(2)));
        await g.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(3));

        var logs = g.Logs.GetSnapshot();
        var loud = logs.Where(r => r.Level >= LogLevel.Warning).ToList();
        Assert.Equal([2120, 2120, 2120], loud.Select(r => r.Id.Id));
        Assert.All(loud, r => Assert.Null(r.Exception));
        Assert.All(loud, r => Assert.Contains("Connection refused (discord.test:443)", r.Message, StringComparison.Ordinal));
        Assert.Equal(3, logs.Count(r => r.Id.Id == 2121 && r.Level == LogLevel.Debug && r.Exception is HttpRequestException));
        Assert.Empty(g.Transports.Attempts);
    }

    [Fact]
    public async Task A_non_resumable_invalid_session_closes_with_1000_and_identifies_on_the_cached_url_after_the_pause()
    {
        // Identify window 1 ms, so only the op 9 pause (1 s + 4 s × 0.5 = 3 s) holds the second Identify back.
        await using var g = ScriptedGateway.Start(new GatewayPolicy(new FixedRandom(0.5)) { IdentifyWindow = TimeSpan.FromMilliseconds(1), CloseTimeout = TimeSpan.FromSeconds(7) });
        var c = await g.ConnectAndIdentifyAsync();

        c.Send(new System.Text.Json.Nodes.JsonObject { ["op"] = 9, ["d"] = false });
        Assert.Equal(GatewayCloseCodes.Normal, await c.ClientClose);
        await g.AdvanceThroughAsync(TimeSpan.FromSeconds(3), () => Assert.Single(g.Transports.Attempts));

        var next = await g.Transports.NextConnectionAsync();
        Assert.Equal(new Uri(ScriptedGateway.GatewayUrl, "?v=10&encoding=json"), next.Uri);
        Assert.Equal(TimeSpan.FromSeconds(3), g.Transports.Attempts[1].At);
        next.Hello(ScriptedGateway.Interval);
        Assert.Equal(2, Op(await next.NextFrameAsync()));
        g.Rest.Verify(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>()), Times.Once());
    }

    [Fact]
    public async Task With_no_session_starts_left_the_client_waits_reset_after_then_asks_again()
    {
        var resetAfter = TimeSpan.FromHours(2);
        var rest = ScriptedGateway.GatewayBot(ScriptedGateway.Limit(0, (long)resetAfter.TotalMilliseconds), ScriptedGateway.Limit(1000));
        await using var g = ScriptedGateway.Start(rest: rest);

        await g.AdvanceThroughAsync(resetAfter, () =>
        {
            Assert.Empty(g.Transports.Attempts);
            rest.Verify(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>()), Times.Once());
        });

        var c = await g.Transports.NextConnectionAsync();
        Assert.Equal(resetAfter, g.Transports.Attempts[0].At);
        rest.Verify(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
        Assert.Contains(g.Logs.GetSnapshot(), r => r.Id.Id == 1004);
        c.Hello(ScriptedGateway.Interval);
        Assert.Equal(2, Op(await c.NextFrameAsync()));
    }

    [Fact]
    public async Task A_new_session_within_five_seconds_of_the_last_Identify_waits_for_the_max_concurrency_window()
    {
        await using var g = ScriptedGateway.Start();
        var c = await g.ConnectAndIdentifyAsync();

        // 4009 session timed out: a new session is needed, and max_concurrency 1 allows one Identify per 5 s.
        c.ServerClose(4009);
        await g.AdvanceThroughAsync(TimeSpan.FromSeconds(5), () => Assert.Single(g.Transports.Attempts));

        var next = await g.Transports.NextConnectionAsync();
        Assert.Equal(TimeSpan.FromSeconds(5), g.Transports.Attempts[1].At);
        next.Hello(ScriptedGateway.Interval);
        Assert.Equal(2, Op(await next.NextFrameAsync()));
    }
}
