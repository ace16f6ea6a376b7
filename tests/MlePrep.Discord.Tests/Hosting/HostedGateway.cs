using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Hosting;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Tests.Gateway;

namespace MlePrep.Discord.Tests.Hosting;

/// <summary>A host built the way the bot builds it (AddDiscordClient), against the emulator, with fake logging.</summary>
internal sealed class HostedGateway : IAsyncDisposable
{
    private static long _nextId;

    private HostedGateway(DiscordEmulator emulator, IHost host)
    {
        Emulator = emulator;
        Host = host;
    }

    public DiscordEmulator Emulator { get; }
    public IHost Host { get; }
    public Recorder Recorder => Host.Services.GetRequiredService<Recorder>();
    public FakeLogCollector Logs => Host.Services.GetFakeLogCollector();

    /// <summary>The first log record matching <paramref name="predicate"/>, already written or still to come.</summary>
    public async Task<FakeLogRecord> WaitForLogAsync(Func<FakeLogRecord, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(GatewayHarness.Timeout);
        await foreach (var record in Logs.GetLogsAsync(timeout.Token))
        {
            if (predicate(record))
            {
                return record;
            }
        }
        throw new TimeoutException("No matching log record.");
    }

    public static async Task<HostedGateway> StartAsync(string? token = null, Action<IServiceCollection>? services = null, TimeSpan? heartbeat = null)
    {
        var emulator = await DiscordEmulator.StartAsync(new EmulatorOptions { HeartbeatInterval = heartbeat ?? TimeSpan.FromMilliseconds(150), IdentifyWindow = TimeSpan.FromMilliseconds(10) });
        var host = Build(emulator, token ?? emulator.Options.BotToken, services);
        await host.StartAsync();
        return new HostedGateway(emulator, host);
    }

    public static IHost Build(DiscordEmulator emulator, string? token, Action<IServiceCollection>? services = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = token,
            ["Discord:ApiBaseUrl"] = emulator.ApiBaseUrl.ToString(),
            ["Discord:MaxConcurrentInteractions"] = "8",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging();
        builder.Services.AddDiscordClient(builder.Configuration.GetSection(DiscordOptions.SectionName));
        // The REST client is written separately; only GET /gateway/bot matters here.
        builder.Services.Replace(ServiceDescriptor.Singleton(GatewayHarness.GatewayBotRest(emulator).Object));
        builder.Services.Replace(ServiceDescriptor.Singleton(GatewayHarness.FastPolicy()));
        builder.Services.AddSingleton<Recorder>();
        builder.Services.AddScoped<IInteractionHandler, TestInteractionHandler>();
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>An INTERACTION_CREATE body for a slash command, with a fresh id unless one is given.</summary>
    public static JsonObject SlashCommand(string name, ulong? id = null) => new()
    {
        ["id"] = (id ?? NextId()).ToString(CultureInfo.InvariantCulture),
        ["application_id"] = "1300000000000000001",
        ["type"] = 2,
        ["token"] = "interaction-token",
        ["version"] = 1,
        ["channel_id"] = "42",
        ["user"] = new JsonObject { ["id"] = "7", ["username"] = "learner" },
        ["data"] = new JsonObject { ["id"] = "9", ["name"] = name, ["type"] = 1 },
    };

    public static ulong NextId() => Snowflake.FromTimestamp(DateTimeOffset.UtcNow, (ulong)Interlocked.Increment(ref _nextId));

    public async ValueTask DisposeAsync()
    {
        Recorder.ReleaseSlowHandlers();
        await Host.StopAsync(GatewayHarness.Timeout);
        Host.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>What the test handlers saw, with waits that complete on the event rather than by polling.</summary>
internal sealed class Recorder
{
    private readonly Lock _lock = new();
    private readonly List<string> _entries = [];
    private readonly List<(Func<IReadOnlyList<string>, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly TaskCompletionSource _releaseSlow = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Entries
    {
        get { lock (_lock) { return [.. _entries]; } }
    }

    public Task SlowHandlersReleased => _releaseSlow.Task;

    public void ReleaseSlowHandlers() => _releaseSlow.TrySetResult();

    public void Add(string entry)
    {
        List<TaskCompletionSource> done = [];
        lock (_lock)
        {
            _entries.Add(entry);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(_entries))
                {
                    done.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }
        done.ForEach(d => d.TrySetResult());
    }

    public Task WaitForAsync(string entry) => WaitUntilAsync(e => e.Contains(entry));

    public Task WaitUntilAsync(Func<IReadOnlyList<string>, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(_entries))
            {
                return Task.CompletedTask;
            }
            _waiters.Add((condition, done));
        }
        return done.Task.WaitAsync(GatewayHarness.Timeout);
    }
}

/// <summary>"slow" waits until released, "boom" throws, anything else is recorded with the handler instance.</summary>
internal sealed class TestInteractionHandler(Recorder recorder) : IInteractionHandler
{
    public async Task HandleAsync(Interaction interaction, CancellationToken ct)
    {
        switch (interaction.Data?.Name)
        {
            case "slow":
                recorder.Add($"started {interaction.Id}");
                await recorder.SlowHandlersReleased.WaitAsync(ct);
                break;
            case "boom":
                throw new InvalidOperationException("the command broke");
        }
        recorder.Add($"handled {interaction.Id} by {GetHashCode()}");
    }
}
