using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Rest;

namespace MlePrep.Discord.Tests.Rest;

/// <summary>An emulator plus a REST client wired the way the bot wires it (AddDiscordRest), with short timings.</summary>
internal sealed class RestHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private LogPulse _pulse = null!;

    private RestHarness(DiscordEmulator emulator, ServiceProvider services)
    {
        Emulator = emulator;
        _services = services;
        Client = services.GetRequiredService<IDiscordRestClient>();
        Logs = services.GetRequiredService<FakeLogCollector>();
    }

    public DiscordEmulator Emulator { get; }

    public IDiscordRestClient Client { get; }

    public FakeLogCollector Logs { get; }

    public ulong GuildId { get; private set; }

    public ulong ChannelId { get; private set; }

    public static readonly RestPolicy FastPolicy = new()
    {
        RequestTimeout = TimeSpan.FromSeconds(5),
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        ResetOffset = TimeSpan.FromMilliseconds(20),
    };

    // clock: when set, the emulator and the client's keyed clock share it (fake time on both sides).
    public static async Task<RestHarness> StartAsync(Action<EmulatorOptions>? configure = null, RestPolicy? policy = null, string? token = null,
        TimeProvider? clock = null)
    {
        var options = new EmulatorOptions();
        configure?.Invoke(options);
        options.TimeProvider = clock ?? options.TimeProvider;
        var emulator = await DiscordEmulator.StartAsync(options);
        var services = new ServiceCollection();
        var pulse = new LogPulse();
        services.AddLogging(b => b.AddFakeLogging(o => o.OutputSink = _ => pulse.Signal()).SetMinimumLevel(LogLevel.Debug));
        services.AddOptions<DiscordOptions>().Configure(o =>
        {
            o.Token = token ?? options.BotToken;
            o.ApiBaseUrl = emulator.ApiBaseUrl;
        });
        services.AddSingleton(policy ?? FastPolicy);
        if (clock is not null)
        {
            services.AddKeyedSingleton(DiscordClock.Key, clock);
        }
        services.AddDiscordRest();
        var harness = new RestHarness(emulator, services.BuildServiceProvider()) { _pulse = pulse };
        harness.GuildId = emulator.Rest.AddGuild();
        harness.ChannelId = emulator.Rest.AddChannel(harness.GuildId);
        return harness;
    }

    public ulong ApplicationId => Emulator.Options.ApplicationId;

    /// <summary>Completes once a log record with this event id has been written.</summary>
    public async Task WaitForLogAsync(int eventId)
    {
        while (true)
        {
            var next = _pulse.Next;
            if (Logs.GetSnapshot().Any(l => l.Id.Id == eventId))
            {
                return;
            }
            await next.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private sealed class LogPulse
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Next => Volatile.Read(ref _next).Task;

        public void Signal() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
