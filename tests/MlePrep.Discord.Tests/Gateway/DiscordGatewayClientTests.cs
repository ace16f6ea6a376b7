using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Testing;
using MlePrep.Discord.Emulator.Gateway;
using MlePrep.Discord.Gateway;

namespace MlePrep.Discord.Tests.Gateway;

/// <summary>Smoke tests: the real client against the emulator over loopback WebSockets. The timing rules are in GatewayTimingTests, on fake time.</summary>
public sealed class DiscordGatewayClientTests
{
    private static readonly TimeSpan Timeout = GatewayHarness.Timeout;

    private static IEnumerable<ReceivedGatewayFrame> Frames(GatewayHarness h, int op) =>
        h.Emulator.Gateway.ReceivedFrames.Where(f => f.Op == op);

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
        Assert.Equal(h.Emulator.Options.ApplicationId, ready.Application.Id);
        // Unsharded: Discord's docs let a single connection leave "shard" out.
        Assert.Null(identify["shard"]);
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
