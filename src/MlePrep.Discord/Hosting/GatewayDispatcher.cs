using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Serialization;

namespace MlePrep.Discord.Hosting;

/// <summary>
/// Takes dispatches from the receive loop into bounded queues and runs the application's handlers from them,
/// each in its own DI scope, so neither a slow nor a throwing handler can touch the gateway connection.
/// </summary>
internal sealed class GatewayDispatcher : IGatewayDispatchSink
{
    // Discord may deliver an interaction twice and a Resume replays events; remember enough ids to cover that.
    private const int RecentInteractionIds = 4096;

    private readonly Channel<Interaction> _interactions;
    private readonly Channel<GatewayLifecycleEvent> _events;
    private readonly RecentIdSet _seen = new(RecentInteractionIds);
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<GatewayDispatcher> _logger;
    private readonly int _maxConcurrent;
    private int _inFlight;

    public GatewayDispatcher(IServiceScopeFactory scopes, IOptions<DiscordOptions> options, ILogger<GatewayDispatcher> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _maxConcurrent = options.Value.MaxConcurrentInteractions;
        var queue = new BoundedChannelOptions(options.Value.DispatchQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            // Every shard's receive loop writes here.
            SingleWriter = false,
            SingleReader = true,
        };
        _interactions = Channel.CreateBounded<Interaction>(queue);
        _events = Channel.CreateBounded<GatewayLifecycleEvent>(queue);
    }

    public ValueTask OnReadyAsync(ReadyEvent ready, CancellationToken ct) =>
        _events.Writer.WriteAsync(new GatewayLifecycleEvent("READY", (h, c) => h.OnReadyAsync(ready, c)), ct);

    public ValueTask OnDispatchAsync(string eventName, JsonElement data, CancellationToken ct)
    {
        try
        {
            switch (eventName)
            {
                case "INTERACTION_CREATE":
                    var interaction = data.Deserialize(DiscordJsonContext.Default.Interaction)!;
                    if (InteractionCheck.Problem(interaction) is { } problem)
                    {
                        _logger.InteractionRejected(interaction.Id, problem);
                        return ValueTask.CompletedTask;
                    }
                    return _interactions.Writer.WriteAsync(interaction with { ReceivedAt = Stopwatch.GetTimestamp() }, ct);
                case "GUILD_CREATE":
                    // Only the id matters here; a full guild object is not worth deserialising.
                    if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                        || !ulong.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var joined))
                    {
                        _logger.DispatchSkipped(eventName, "the guild has no valid id");
                        return ValueTask.CompletedTask;
                    }
                    return _events.Writer.WriteAsync(new GatewayLifecycleEvent(eventName, (h, c) => h.OnGuildAvailableAsync(joined, c)), ct);
                case "GUILD_DELETE":
                    var guild = data.Deserialize(DiscordJsonContext.Default.UnavailableGuild)!;
                    // With "unavailable" set the guild is in an outage; without it the bot was removed.
                    return guild.Unavailable is null
                        ? _events.Writer.WriteAsync(new GatewayLifecycleEvent(eventName, (h, c) => h.OnGuildRemovedAsync(guild.Id, c)), ct)
                        : ValueTask.CompletedTask;
                case "CHANNEL_DELETE":
                    var channel = data.Deserialize(DiscordJsonContext.Default.ChannelDeleteEvent)!;
                    return _events.Writer.WriteAsync(new GatewayLifecycleEvent(eventName, (h, c) => h.OnChannelDeletedAsync(channel, c)), ct);
                default:
                    return ValueTask.CompletedTask;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // One line, no stack trace: hostile input must not flood the log. (InvalidOperationException: text that
            // cannot be decoded, such as a lone surrogate escape.)
            _logger.DispatchSkipped(eventName, ex.Message);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Runs the handlers until <paramref name="ct"/> is cancelled or <see cref="Complete"/> drained the queues.</summary>
    public Task RunAsync(CancellationToken ct) => Task.WhenAll(RunInteractionsAsync(ct), RunEventsAsync(ct));

    /// <summary>Interactions received and not yet handled to the end (queued or running).</summary>
    public int InFlight => Volatile.Read(ref _inFlight) + _interactions.Reader.Count;

    /// <summary>No more dispatches will come.</summary>
    public void Complete()
    {
        _interactions.Writer.TryComplete();
        _events.Writer.TryComplete();
    }

    private async Task RunInteractionsAsync(CancellationToken ct)
    {
        using var slots = new SemaphoreSlim(_maxConcurrent, _maxConcurrent);
        try
        {
            await foreach (var interaction in _interactions.Reader.ReadAllAsync(ct))
            {
                if (!_seen.TryAdd(interaction.Id))
                {
                    _logger.InteractionDuplicate(interaction.Id);
                    continue;
                }
                await slots.WaitAsync(ct);
                Interlocked.Increment(ref _inFlight);
                // Task.Run: even a handler that blocks before its first await cannot hold up this loop.
                _ = Task.Run(() => HandleInteractionAsync(interaction, slots, ct), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down; wait below for the handlers already running.
        }
        for (var i = 0; i < _maxConcurrent; i++)
        {
            await slots.WaitAsync(CancellationToken.None);
        }
    }

    private async Task HandleInteractionAsync(Interaction interaction, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<IInteractionHandler>();
            await handler.HandleAsync(interaction, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _logger.InteractionFailed(interaction.Id, interaction.Type, interaction.Data?.Name, interaction.Data?.CustomId, ex);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            slots.Release();
        }
    }

    private async Task RunEventsAsync(CancellationToken ct)
    {
        try
        {
            // In order, one at a time: a READY must not race the GUILD_DELETEs that follow it.
            await foreach (var gatewayEvent in _events.Reader.ReadAllAsync(ct))
            {
                await Task.Run(() => HandleEventAsync(gatewayEvent, ct), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task HandleEventAsync(GatewayLifecycleEvent gatewayEvent, CancellationToken ct)
    {
        // Each handler gets its own scope, so one handler's failure or state cannot leak into another's.
        for (var i = 0; ; i++)
        {
            await using var scope = _scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetServices<IGatewayEventHandler>().ElementAtOrDefault(i);
            if (handler is null)
            {
                return;
            }
            try
            {
                await gatewayEvent.Invoke(handler, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                _logger.GatewayEventHandlerFailed(gatewayEvent.Name, handler.GetType().Name, ex);
            }
        }
    }
}

/// <summary>A queued READY, GUILD_CREATE, GUILD_DELETE or CHANNEL_DELETE, bound to the handler method it calls.</summary>
internal sealed record GatewayLifecycleEvent(string Name, Func<IGatewayEventHandler, CancellationToken, Task> Invoke);
