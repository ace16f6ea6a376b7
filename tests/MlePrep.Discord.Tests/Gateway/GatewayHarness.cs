using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Discord.Tests.Gateway;

/// <summary>The real gateway client against the emulator on loopback, with short intervals and a fixed jitter.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();

    private GatewayHarness(DiscordEmulator emulator, DiscordGatewayClient client, RecordingSink sink, DiscordOptions options)
    {
        Emulator = emulator;
        Client = client;
        Sink = sink;
        Options = options;
    }

    public DiscordEmulator Emulator { get; }
    public DiscordGatewayClient Client { get; }
    public RecordingSink Sink { get; }
    public DiscordOptions Options { get; }
    public Task<GatewayFatalError> Run { get; private set; } = null!;

    public static GatewayPolicy FastPolicy(double jitter = 0.5) => new(new FixedRandom(jitter))
    {
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        InvalidSessionMinDelay = TimeSpan.FromMilliseconds(20),
        InvalidSessionMaxDelay = TimeSpan.FromMilliseconds(40),
        HelloTimeout = TimeSpan.FromSeconds(2),
        CloseTimeout = TimeSpan.FromSeconds(1),
        IdentifyWindow = TimeSpan.FromMilliseconds(10),
    };

    /// <summary>A REST client that only answers GET /gateway/bot, as the real one would for this emulator.</summary>
    public static Mock<IDiscordRestClient> GatewayBotRest(DiscordEmulator emulator, int remaining = 999, long resetAfterMs = 14_400_000)
    {
        var rest = new Mock<IDiscordRestClient>(MockBehavior.Strict);
        rest.Setup(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new GatewayBotInfo
        {
            Url = emulator.Gateway.GatewayUrl.ToString(),
            Shards = 1,
            SessionStartLimit = new SessionStartLimit { Total = 1000, Remaining = remaining, ResetAfter = resetAfterMs, MaxConcurrency = 1 },
        });
        return rest;
    }

    public static async Task<GatewayHarness> StartAsync(
        TimeSpan? heartbeatInterval = null,
        Action<DiscordOptions>? configure = null,
        GatewayPolicy? policy = null,
        Func<DiscordEmulator, IDiscordRestClient>? rest = null,
        ILogger<DiscordGatewayClient>? logger = null)
    {
        var emulator = await DiscordEmulator.StartAsync(new EmulatorOptions
        {
            HeartbeatInterval = heartbeatInterval ?? TimeSpan.FromMilliseconds(200),
            // The identify window the fast policy keeps.
            IdentifyWindow = TimeSpan.FromMilliseconds(10),
        });
        var options = new DiscordOptions { Token = emulator.Options.BotToken, Intents = GatewayIntents.Guilds };
        configure?.Invoke(options);
        var sink = new RecordingSink();
        policy ??= FastPolicy();
        var starts = new GatewaySessionStarts(rest?.Invoke(emulator) ?? GatewayBotRest(emulator).Object, policy, TimeProvider.System,
            NullLogger<GatewaySessionStarts>.Instance);
        var client = new DiscordGatewayClient(
            Shard.Unsharded,
            starts,
            Microsoft.Extensions.Options.Options.Create(options),
            new WebSocketGatewayTransportFactory(),
            sink,
            policy,
            TimeProvider.System,
            logger ?? NullLogger<DiscordGatewayClient>.Instance);
        var harness = new GatewayHarness(emulator, client, sink, options);
        harness.Run = client.RunAsync(harness._stop.Token);
        return harness;
    }

    /// <summary>
    /// The emulator sent READY and the client processed it. Waiting for the emulator alone races: a connection
    /// dropped right after the send can lose READY unread, and the client rightly identifies again.
    /// </summary>
    public async Task WaitForReadyAsync(int count = 1)
    {
        await Emulator.Gateway.WaitForIdentifiesAsync(count).WaitAsync(Timeout);
        await Sink.WaitUntilAsync(s => s.Readies.Count >= count);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(Timeout);
        }
        catch (OperationCanceledException)
        {
            // The normal way the client stops.
        }
        await Emulator.DisposeAsync();
        _stop.Dispose();
    }
}

/// <summary>Records what the client hands to the dispatcher; tests await entries without polling.</summary>
internal sealed class RecordingSink : IGatewayDispatchSink
{
    private readonly Lock _lock = new();
    private readonly List<ReadyEvent> _readies = [];
    private readonly List<(string Name, JsonElement Data)> _dispatches = [];
    private readonly List<(Func<RecordingSink, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<ReadyEvent> Readies
    {
        get { lock (_lock) { return [.. _readies]; } }
    }

    public IReadOnlyList<(string Name, JsonElement Data)> Dispatches
    {
        get { lock (_lock) { return [.. _dispatches]; } }
    }

    public ValueTask OnReadyAsync(ReadyEvent ready, CancellationToken ct)
    {
        lock (_lock)
        {
            _readies.Add(ready);
        }
        Signal();
        return ValueTask.CompletedTask;
    }

    public ValueTask OnDispatchAsync(string eventName, JsonElement data, CancellationToken ct)
    {
        lock (_lock)
        {
            _dispatches.Add((eventName, data));
        }
        Signal();
        return ValueTask.CompletedTask;
    }

    public Task WaitUntilAsync(Func<RecordingSink, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((condition, done));
        }
        Signal();
        return done.Task.WaitAsync(GatewayHarness.Timeout);
    }

    private void Signal()
    {
        List<TaskCompletionSource> done = [];
        lock (_lock)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(this))
                {
                    done.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }
        done.ForEach(d => d.TrySetResult());
    }
}
