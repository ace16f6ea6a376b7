using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Testing;
using MlePrep.Discord.Emulator.Gateway;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Discord.Tests.Gateway;

public sealed class DiscordGatewayClientTests
{
    private static readonly TimeSpan Timeout = GatewayHarness.Timeout;

    private static IEnumerable<ReceivedGatewayFrame> Frames(GatewayHarness h, int op) =>
        h.Emulator.Gateway.ReceivedFrames.Where(f => f.Op == op);

    private static Task WaitForFramesAsync(GatewayHarness h, int op, int count) =>
        h.Emulator.Gateway.WaitUntilAsync(g => g.ReceivedFrames.Count(f => f.Op == op) >= count).WaitAsync(Timeout);

    [Fact]
    public async Task Connects_with_version_and_encoding_and_identifies_with_the_raw_token_and_unprivileged_intents()
    {
        await using var h = await GatewayHarness.StartAsync();
        await h.WaitForReadyAsync();
        await h.Sink.WaitUntilAsync(s => s.Readies.Count == 1);

        var url = Assert.Single(h.Emulator.Gateway.ConnectedUrls);
        Assert.Equal(EmulatorGateway.GatewayPath, url.AbsolutePath);
        Assert.Equal("?v=10&encoding=json", url.Query);

        var identify = Assert.Single(Frames(h, 2)).Payload!["d"]!;
        Assert.Equal(h.Emulator.Options.BotToken, identify["token"]!.GetValue<string>());
        Assert.Equal(GatewayIntents.Guilds, identify["intents"]!.GetValue<int>());
        Assert.Equal(0, identify["intents"]!.GetValue<int>() & EmulatorGateway.PrivilegedIntents);
        var properties = identify["properties"]!.AsObject();
        Assert.All(["os", "browser", "device"], key => Assert.False(string.IsNullOrEmpty(properties[key]?.GetValue<string>())));

        var ready = h.Sink.Readies[0];
        Assert.Equal(h.Emulator.Options.ApplicationId, h.Client.ApplicationId);
        Assert.Equal(h.Emulator.Gateway.ResumeGatewayUrl.ToString(), ready.ResumeGatewayUrl);
    }

    [Theory]
    [InlineData("wss://gateway.discord.gg/", "wss://gateway.discord.gg/?v=10&encoding=json")]
    [InlineData("wss://gateway.discord.gg", "wss://gateway.discord.gg/?v=10&encoding=json")]
    [InlineData("ws://127.0.0.1:5000/gateway", "ws://127.0.0.1:5000/gateway?v=10&encoding=json")]
    [InlineData("ws://127.0.0.1:5000/gateway/", "ws://127.0.0.1:5000/gateway/?v=10&encoding=json")]
    public void Connect_url_gets_the_version_and_encoding_with_or_without_a_trailing_slash(string url, string expected) =>
        Assert.Equal(expected, DiscordGatewayClient.BuildConnectUri(new Uri(url)).AbsoluteUri);

    [Fact]
    public async Task First_heartbeat_is_jittered_within_the_interval_then_every_interval_with_the_last_sequence()
    {
        var interval = TimeSpan.FromMilliseconds(300);
        await using var h = await GatewayHarness.StartAsync(interval, policy: GatewayHarness.FastPolicy(jitter: 0.25));
        await h.WaitForReadyAsync();
        await h.Emulator.Gateway.DispatchAsync("TEST_EVENT", new JsonObject { ["n"] = 1 });
        await h.Sink.WaitUntilAsync(s => s.Dispatches.Count == 1);
        await WaitForFramesAsync(h, 1, 3);

        var identifiedAt = Assert.Single(Frames(h, 2)).ReceivedAt;
        var beats = Frames(h, 1).ToList();
        var first = beats[0].ReceivedAt - identifiedAt;
        Assert.InRange(first.TotalMilliseconds, 0.25 * interval.TotalMilliseconds - 50, interval.TotalMilliseconds);
        var gap = beats[2].ReceivedAt - beats[1].ReceivedAt;
        Assert.InRange(gap.TotalMilliseconds, interval.TotalMilliseconds - 30, interval.TotalMilliseconds + 150);
        // READY is s=1 and TEST_EVENT s=2: beats after the event carry 2.
        Assert.Equal(2, beats[2].Payload!["d"]!.GetValue<int>());
    }

    [Fact]
    public async Task Heartbeat_request_op1_is_answered_at_once()
    {
        // Interval 20 s with jitter 0.99: no scheduled beat during the test.
        await using var h = await GatewayHarness.StartAsync(TimeSpan.FromSeconds(20), policy: GatewayHarness.FastPolicy(jitter: 0.99));
        await h.WaitForReadyAsync();

        var requested = Stopwatch.StartNew();
        await h.Emulator.Gateway.RequestHeartbeatAsync();
        await WaitForFramesAsync(h, 1, 1);

        Assert.True(requested.Elapsed < TimeSpan.FromSeconds(1), $"answered after {requested.Elapsed}");
        Assert.Equal(1, Assert.Single(Frames(h, 1)).Payload!["d"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reconnect_op7_resumes_on_the_resume_url_with_session_and_sequence_and_gets_the_missed_events()
    {
        await using var h = await GatewayHarness.StartAsync();
        await h.WaitForReadyAsync();
        var sessionId = h.Sink.Readies[0].SessionId;

        await h.Emulator.Gateway.SendReconnectAsync();
        await h.Emulator.Gateway.DispatchAsync("TEST_EVENT", new JsonObject { ["missed"] = true });
        await h.Emulator.Gateway.WaitForResumesAsync().WaitAsync(Timeout);
        await h.Sink.WaitUntilAsync(s => s.Dispatches.Any(d => d.Name == "TEST_EVENT"));

        var urls = h.Emulator.Gateway.ConnectedUrls;
        Assert.Equal(2, urls.Count);
        Assert.Equal(EmulatorGateway.ResumePath, urls[1].AbsolutePath);
        Assert.Equal("?v=10&encoding=json", urls[1].Query);
        var resume = Assert.Single(Frames(h, 6)).Payload!["d"]!;
        Assert.Equal(h.Emulator.Options.BotToken, resume["token"]!.GetValue<string>());
        Assert.Equal(sessionId, resume["session_id"]!.GetValue<string>());
        Assert.Equal(1, resume["seq"]!.GetValue<int>());
        Assert.Equal(1, h.Emulator.Gateway.IdentifyCount);
        Assert.Equal(GatewayCloseCodes.Resuming, h.Emulator.Gateway.ClientCloses[0].Code);
    }

    [Fact]
    public async Task Missing_acks_make_a_zombie_that_is_closed_without_1000_and_resumed()
    {
        await using var h = await GatewayHarness.StartAsync(TimeSpan.FromMilliseconds(150));
        await h.WaitForReadyAsync();

        h.Emulator.Gateway.StopAcking = true;
        await h.Emulator.Gateway.WaitUntilAsync(g => g.ClientCloses.Count > 0).WaitAsync(Timeout);
        h.Emulator.Gateway.StopAcking = false;
        await h.Emulator.Gateway.WaitForResumesAsync().WaitAsync(Timeout);

        var close = h.Emulator.Gateway.ClientCloses[0];
        Assert.NotNull(close.Code);
        Assert.DoesNotContain(close.Code, new int?[] { 1000, 1001 });
        Assert.Equal(1, h.Emulator.Gateway.IdentifyCount);
        Assert.Equal(EmulatorGateway.ResumePath, h.Emulator.Gateway.ConnectedUrls[1].AbsolutePath);
    }

    [Fact]
    public async Task Dropped_connection_without_close_frame_is_resumed()
    {
        await using var h = await GatewayHarness.StartAsync();
        await h.WaitForReadyAsync();

        await h.Emulator.Gateway.DropConnectionAsync();
        await h.Emulator.Gateway.WaitForResumesAsync().WaitAsync(Timeout);

        Assert.Equal(1, h.Emulator.Gateway.IdentifyCount);
        Assert.Equal(EmulatorGateway.ResumePath, h.Emulator.Gateway.ConnectedUrls[1].AbsolutePath);
    }

    [Fact]
    public async Task Invalid_session_resumable_is_resumed()
    {
        await using var h = await GatewayHarness.StartAsync();
        await h.WaitForReadyAsync();

        await h.Emulator.Gateway.SendInvalidSessionAsync(resumable: true);
        await h.Emulator.Gateway.WaitForResumesAsync().WaitAsync(Timeout);

        Assert.Equal(1, h.Emulator.Gateway.IdentifyCount);
        Assert.Equal(EmulatorGateway.ResumePath, h.Emulator.Gateway.ConnectedUrls[1].AbsolutePath);
    }

    [Fact]
    public async Task Invalid_session_not_resumable_identifies_again_on_the_cached_gateway_url_after_a_pause()
    {
        await using var h = await GatewayHarness.StartAsync(policy: new GatewayPolicy(new FixedRandom(0.5))
        {
            InvalidSessionMinDelay = TimeSpan.FromMilliseconds(200),
            InvalidSessionMaxDelay = TimeSpan.FromMilliseconds(400),
            IdentifyWindow = TimeSpan.FromMilliseconds(10),
        });
        await h.WaitForReadyAsync();

        await h.Emulator.Gateway.SendInvalidSessionAsync(resumable: false);
        var invalidated = Stopwatch.StartNew();
        await h.Emulator.Gateway.WaitForIdentifiesAsync(2).WaitAsync(Timeout);

        Assert.True(invalidated.Elapsed >= TimeSpan.FromMilliseconds(290), $"identified after {invalidated.Elapsed}");
        Assert.Equal(0, h.Emulator.Gateway.ResumeCount);
        Assert.Equal(EmulatorGateway.GatewayPath, h.Emulator.Gateway.ConnectedUrls[1].AbsolutePath);
        Assert.Equal(2, Frames(h, 2).Count());
    }

    [Theory]
    [InlineData(4000, true)]
    [InlineData(4001, true)]
    [InlineData(4002, true)]
    [InlineData(4003, false)]
    [InlineData(4005, false)]
    [InlineData(4007, false)]
    [InlineData(4008, false)]
    [InlineData(4009, false)]
    public async Task Reconnectable_close_codes_resume_or_start_a_new_session(int code, bool resumes)
    {
        await using var h = await GatewayHarness.StartAsync();
        await h.WaitForReadyAsync();

        await h.Emulator.Gateway.CloseAsync(code);
        await (resumes ? h.Emulator.Gateway.WaitForResumesAsync() : h.Emulator.Gateway.WaitForIdentifiesAsync(2)).WaitAsync(Timeout);

        Assert.Equal(resumes ? 1 : 2, h.Emulator.Gateway.IdentifyCount);
        Assert.Equal(resumes ? 1 : 0, Frames(h, 6).Count());
        Assert.Equal(resumes ? EmulatorGateway.ResumePath : EmulatorGateway.GatewayPath, h.Emulator.Gateway.ConnectedUrls[1].AbsolutePath);
    }

    [Theory]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task Fatal_close_codes_stop_the_client_without_reconnecting(int code)
    {
        await using var h = await GatewayHarness.StartAsync();
        await h.WaitForReadyAsync();

        await h.Emulator.Gateway.CloseAsync(code);
        var fatal = await h.Run.WaitAsync(Timeout);

        Assert.Equal(code, fatal.CloseCode);
        Assert.Single(h.Emulator.Gateway.ConnectedUrls);
    }

    [Fact]
    public async Task While_Discord_is_unreachable_each_attempt_logs_one_line_with_the_reason_and_the_next_delay()
    {
        var collector = new FakeLogCollector();
        await using var h = await GatewayHarness.StartAsync(logger: new FakeLogger<DiscordGatewayClient>(collector), rest: _ =>
        {
            var rest = new Mock<IDiscordRestClient>(MockBehavior.Strict);
            var unreachable = 0;
            // A gateway URL nobody listens on, then an API that cannot be reached at all.
            rest.Setup(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>())).Returns(() => ++unreachable == 1
                ? Task.FromResult(new GatewayBotInfo { Url = "ws://127.0.0.1:1/", Shards = 1, SessionStartLimit = new SessionStartLimit { Total = 1000, Remaining = 999, ResetAfter = 1, MaxConcurrency = 1 } })
                : Task.FromException<GatewayBotInfo>(new HttpRequestException("Connection refused (discord.test:443)")));
            return rest.Object;
        });

        using var timeout = new CancellationTokenSource(Timeout);
        var failures = 0;
        await foreach (var record in collector.GetLogsAsync(timeout.Token))
        {
            if (record.Id.Id == 2120 && ++failures == 3)
            {
                break;
            }
        }

        var loud = collector.GetSnapshot().Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).ToList();
        Assert.True(loud.Count(r => r.Id.Id == 2120) >= 3);
        Assert.All(loud, r => Assert.Null(r.Exception));
        Assert.All(loud.Where(r => r.Id.Id == 2120), r => Assert.Contains("retrying in", r.Message, StringComparison.Ordinal));
        Assert.Contains(loud, r => r.Message.Contains("Connection refused (discord.test:443)", StringComparison.Ordinal));
        Assert.Contains(collector.GetSnapshot(), r => r.Id.Id == 2121 && r.Level == Microsoft.Extensions.Logging.LogLevel.Debug && r.Exception is not null);
    }

    [Fact]
    public async Task Wrong_token_is_rejected_with_4004_and_the_token_appears_in_no_log_line()
    {
        const string token = "wrong-token-ABCDEF123456";
        var collector = new FakeLogCollector();
        await using var h = await GatewayHarness.StartAsync(
            configure: o => o.Token = token, logger: new FakeLogger<DiscordGatewayClient>(collector));

        var fatal = await h.Run.WaitAsync(Timeout);

        Assert.Equal(4004, fatal.CloseCode);
        Assert.Contains("Discord__Token", fatal.Message, StringComparison.Ordinal);
        Assert.Single(h.Emulator.Gateway.ConnectedUrls);
        Assert.NotEmpty(collector.GetSnapshot());
        Assert.DoesNotContain(collector.GetSnapshot(), r => r.Message.Contains(token, StringComparison.Ordinal) || (r.Exception?.ToString().Contains(token, StringComparison.Ordinal) ?? false));
    }

    [Theory]
    [InlineData(1 << 1, 4014)]
    [InlineData(1 << 30, 4013)]
    public async Task Emulator_refuses_privileged_and_unknown_intents_and_the_client_stops(int intents, int expectedCode)
    {
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Intents = intents);

        var fatal = await h.Run.WaitAsync(Timeout);

        Assert.Equal(expectedCode, fatal.CloseCode);
    }

    [Fact]
    public async Task Waits_for_reset_after_when_no_session_starts_remain()
    {
        var calls = 0;
        await using var h = await GatewayHarness.StartAsync(rest: emulator =>
        {
            var rest = new Mock<IDiscordRestClient>(MockBehavior.Strict);
            rest.Setup(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => new GatewayBotInfo
            {
                Url = emulator.Gateway.GatewayUrl.ToString(),
                SessionStartLimit = new SessionStartLimit { Total = 1000, Remaining = Interlocked.Increment(ref calls) == 1 ? 0 : 1000, ResetAfter = 400, MaxConcurrency = 1 },
            });
            return rest.Object;
        });
        var started = Stopwatch.StartNew();

        await h.Emulator.Gateway.WaitForIdentifiesAsync().WaitAsync(Timeout);

        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(380), $"identified after {started.Elapsed}");
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_payload_over_4096_bytes_is_never_sent_and_the_error_does_not_quote_it()
    {
        var token = new string('x', 5000);
        var collector = new FakeLogCollector();
        await using var h = await GatewayHarness.StartAsync(configure: o => o.Token = token, logger: new FakeLogger<DiscordGatewayClient>(collector));

        // A second connection means the first attempt failed and was logged.
        await h.Emulator.Gateway.WaitUntilAsync(g => g.ConnectedUrls.Count >= 2).WaitAsync(Timeout);

        Assert.Empty(Frames(h, 2));
        var failure = collector.GetSnapshot().First(r => r.Exception is InvalidOperationException);
        Assert.DoesNotContain(token, failure.Exception!.Message, StringComparison.Ordinal);
    }
}
