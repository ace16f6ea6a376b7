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

    private ScriptedGateway(GatewayPolicy policy, Mock<IDiscordRestClient> rest, IReadOnlyList<Shard> shards)
    {
        Policy = policy;
        Rest = rest;
        Transports = new ScriptedTransportFactory(Clock);
        Starts = new GatewaySessionStarts(rest.Object, policy, Clock, new FakeLogger<GatewaySessionStarts>(Logs));
        var options = Microsoft.Extensions.Options.Options.Create(new DiscordOptions { Token = Token, Intents = GatewayIntents.Guilds });
        Clients = [.. shards.Select(shard => new DiscordGatewayClient(shard, Starts, options, Transports, Sink, policy, Clock, new FakeLogger<DiscordGatewayClient>(Logs)))];
    }

    public ObservedClock Clock { get; } = new();
    public ScriptedTransportFactory Transports { get; }
    public RecordingSink Sink { get; } = new();
    public FakeLogCollector Logs { get; } = new();
    public GatewayPolicy Policy { get; }
    public Mock<IDiscordRestClient> Rest { get; }
    public GatewaySessionStarts Starts { get; }

    /// <summary>One client per shard, sharing <see cref="Starts"/>, the transports and the sink, as in the hosted service.</summary>
    public IReadOnlyList<DiscordGatewayClient> Clients { get; }

    public IReadOnlyList<Task<GatewayFatalError>> Runs { get; private set; } = [];

    /// <summary>The first shard's run (the only one unless the test started several).</summary>
    public Task<GatewayFatalError> Run => Runs[0];

    /// <summary>Discord's defaults (1 s back-off up to 60 s, 1–5 s after op 9, 5 s per Identify), with a fixed jitter.</summary>
    public static GatewayPolicy DefaultPolicy(double jitter = 0.5) => new(new FixedRandom(jitter)) { CloseTimeout = TimeSpan.FromSeconds(7) };

    /// <summary>GET /gateway/bot answering with <paramref name="limits"/> in turn (the last one from then on; 999 starts left without any).</summary>
    public static Mock<IDiscordRestClient> GatewayBot(params SessionStartLimit[] limits) => GatewayBot(1, limits);

    /// <summary>GET /gateway/bot recommending <paramref name="shards"/> shards.</summary>
    public static Mock<IDiscordRestClient> GatewayBot(int shards, params SessionStartLimit[] limits)
    {
        var rest = new Mock<IDiscordRestClient>(MockBehavior.Strict);
        var calls = 0;
        rest.Setup(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => new GatewayBotInfo
        {
            Url = GatewayUrl.ToString(),
            Shards = shards,
            SessionStartLimit = limits.Length == 0 ? Limit(999) : limits[Math.Min(calls++, limits.Length - 1)],
        });
        return rest;
    }

    public static SessionStartLimit Limit(int remaining, long resetAfterMs = 14_400_000, int maxConcurrency = 1) =>
        new() { Total = 1000, Remaining = remaining, ResetAfter = resetAfterMs, MaxConcurrency = maxConcurrency };

    /// <summary>Starts one client per shard (unsharded by default), in id order as the hosted service does.</summary>
    public static ScriptedGateway Start(GatewayPolicy? policy = null, Mock<IDiscordRestClient>? rest = null, IReadOnlyList<Shard>? shards = null)
    {
        var gateway = new ScriptedGateway(policy ?? DefaultPolicy(), rest ?? GatewayBot(), shards ?? [Shard.Unsharded]);
        gateway.Runs = [.. gateway.Clients.Select(c => c.RunAsync(gateway._stop.Token))];
        return gateway;
    }

    /// <summary>A clock and scripted transports with no client of its own, for a host that runs the clients.</summary>
    public static ScriptedGateway Idle() => new(DefaultPolicy(), GatewayBot(), []);

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
        foreach (var run in Runs)
        {
            try
            {
                await run.WaitAsync(GatewayHarness.Timeout);
            }
            catch (OperationCanceledException)
            {
                // The normal way the client stops.
            }
        }
        _stop.Dispose();
    }
}
