using Microsoft.Extensions.Logging.Testing;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Discord.Tests.Gateway.Scripted;

/// <summary>The real gateway client on scripted connections and an <see cref="ObservedClock"/>: no sockets, no real time.</summary>
internal sealed class ScriptedGateway : IAsyncDisposable
{
    public static readonly Uri GatewayUrl = new("wss://gateway.discord.test/");
    public static readonly Uri ResumeUrl = new("wss://resume.discord.test/");
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(41_250);
    public const string Token = "scripted-token";

    private readonly CancellationTokenSource _stop = new();

    private ScriptedGateway(GatewayPolicy policy, Mock<IDiscordRestClient> rest)
    {
        Policy = policy;
        Rest = rest;
        Transports = new ScriptedTransportFactory(Clock);
        Client = new DiscordGatewayClient(
            rest.Object,
            Microsoft.Extensions.Options.Options.Create(new DiscordOptions { Token = Token, Intents = GatewayIntents.Guilds }),
            Transports,
            Sink,
            policy,
            Clock,
            new FakeLogger<DiscordGatewayClient>(Logs));
    }

    public ObservedClock Clock { get; } = new();
    public ScriptedTransportFactory Transports { get; }
    public RecordingSink Sink { get; } = new();
    public FakeLogCollector Logs { get; } = new();
    public GatewayPolicy Policy { get; }
    public Mock<IDiscordRestClient> Rest { get; }
    public DiscordGatewayClient Client { get; }
    public Task<GatewayFatalError> Run { get; private set; } = null!;

    /// <summary>Discord's defaults (1 s back-off up to 60 s, 1–5 s after op 9, 5 s per Identify), with a fixed jitter.</summary>
    public static GatewayPolicy DefaultPolicy(double jitter = 0.5) => new(new FixedRandom(jitter)) { CloseTimeout = TimeSpan.FromSeconds(7) };

    /// <summary>GET /gateway/bot answering with <paramref name="limits"/> in turn (the last one from then on; 999 starts left without any).</summary>
    public static Mock<IDiscordRestClient> GatewayBot(params SessionStartLimit[] limits)
    {
        var rest = new Mock<IDiscordRestClient>(MockBehavior.Strict);
        var calls = 0;
        rest.Setup(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => new GatewayBotInfo
        {
            Url = GatewayUrl.ToString(),
            SessionStartLimit = limits.Length == 0 ? Limit(999) : limits[Math.Min(calls++, limits.Length - 1)],
        });
        return rest;
    }

    public static SessionStartLimit Limit(int remaining, long resetAfterMs = 14_400_000) =>
        new() { Total = 1000, Remaining = remaining, ResetAfter = resetAfterMs, MaxConcurrency = 1 };

    public static ScriptedGateway Start(GatewayPolicy? policy = null, Mock<IDiscordRestClient>? rest = null)
    {
        var gateway = new ScriptedGateway(policy ?? DefaultPolicy(), rest ?? GatewayBot());
        gateway.Run = gateway.Client.RunAsync(gateway._stop.Token);
        return gateway;
    }

    /// <summary>Hello, the client's Identify, READY (s = 1) and the client having handled it.</summary>
    public async Task<ScriptedConnection> ConnectAndIdentifyAsync(string sessionId = "session-1")
    {
        var connection = await Transports.NextConnectionAsync();
        connection.Hello(Interval);
        var identify = await connection.NextFrameAsync();
        Assert.Equal(2, identify["op"]!.GetValue<int>());
        var readies = Sink.Readies.Count;
        connection.Ready(1, sessionId, ResumeUrl);
        await Sink.WaitUntilAsync(s => s.Readies.Count > readies);
        return connection;
    }

    /// <summary>
    /// Sends an ACK, then a dispatch as a barrier: the client reads in order, so once it has handed on the dispatch it
    /// has seen the ACK.
    /// </summary>
    public async Task AckAsync(ScriptedConnection connection, int sequence)
    {
        var seen = Sink.Dispatches.Count;
        connection.Ack();
        connection.Dispatch("TEST_EVENT", sequence);
        await Sink.WaitUntilAsync(s => s.Dispatches.Count > seen);
    }

    /// <summary>Moves the clock to one tick before <paramref name="due"/>, runs <paramref name="before"/>, then to <paramref name="due"/>.</summary>
    public async Task AdvanceThroughAsync(TimeSpan due, Action before, int timerCount = 1)
    {
        await Clock.WaitForTimerAsync(due, timerCount);
        Clock.Advance(due - TimeSpan.FromTicks(1));
        before();
        Clock.Advance(TimeSpan.FromTicks(1));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(GatewayHarness.Timeout);
        }
        catch (OperationCanceledException)
        {
            // The normal way the client stops.
        }
        _stop.Dispose();
    }
}
