using Microsoft.Extensions.Options;
using MlePrep.Discord;
using MlePrep.Discord.Hosting;
using MlePrep.Discord.Interactions;

namespace MlePrep.Bot.Interactions.Http;

/// <summary>
/// Runs each interaction Discord POSTed as the gateway's dispatcher does: in its own DI scope, off the request, at most
/// <see cref="DiscordOptions.MaxConcurrentInteractions"/> at once, every exception caught and logged. The run outlives
/// the request (edits and follow-ups come after the body), so a shutdown waits for the runs still going, up to
/// <see cref="DiscordOptions.ShutdownDrainTimeout"/>.
/// </summary>
public sealed class HttpInteractionRunner(
    IServiceScopeFactory scopes,
    IOptions<DiscordOptions> discord,
    [FromKeyedServices(DiscordClock.Key)] TimeProvider discordClock,
    ILogger<HttpInteractionRunner> logger) : IDisposable
{
    private readonly CancellationTokenSource _handlers = new(Timeout.InfiniteTimeSpan, discordClock);
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];
    private readonly SemaphoreSlim _slots = new(discord.Value.MaxConcurrentInteractions, discord.Value.MaxConcurrentInteractions);

    /// <summary>Starts handling; the result's <see cref="HttpInitialResponse.Response"/> is what the endpoint answers with.</summary>
    public (HttpInitialResponse Initial, Task Handling) Start(Interaction interaction)
    {
        var scope = scopes.CreateAsyncScope();
        var initial = scope.ServiceProvider.GetRequiredService<HttpInitialResponse>();
        var handling = Task.Run(() => HandleAsync(scope, interaction), CancellationToken.None);
        lock (_lock)
        {
            _running.Add(handling);
        }
        _ = handling.ContinueWith(Forget, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return (initial, handling);
    }

    /// <summary>Waits for the runs still going; cancels them after the drain timeout.</summary>
    public async Task DrainAsync()
    {
        Task[] running;
        lock (_lock)
        {
            running = [.. _running];
        }
        if (running.Length == 0)
        {
            return;
        }
        var drain = discord.Value.ShutdownDrainTimeout;
        Log.HttpInteractionsDraining(logger, running.Length, drain.TotalSeconds);
        _handlers.CancelAfter(drain);
        await Task.WhenAll(running);
        if (_handlers.IsCancellationRequested)
        {
            Log.HttpInteractionsDrainTimedOut(logger, drain.TotalSeconds);
        }
    }

    public void Dispose()
    {
        _handlers.Dispose();
        _slots.Dispose();
    }

    private async Task HandleAsync(AsyncServiceScope scope, Interaction interaction)
    {
        var ct = _handlers.Token;
        await using (scope)
        {
            var slot = false;
            try
            {
                // Time spent waiting counts against the router's budget (ReceivedAt), as in the gateway's queue.
                await _slots.WaitAsync(ct);
                slot = true;
                await scope.ServiceProvider.GetRequiredService<IInteractionHandler>().HandleAsync(interaction, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Log.HttpInteractionFailed(logger, interaction.Id, interaction.Type, interaction.Data?.Name ?? interaction.Data?.CustomId, e);
            }
            finally
            {
                if (slot)
                {
                    _slots.Release();
                }
            }
        }
    }

    private void Forget(Task handling)
    {
        lock (_lock)
        {
            _running.Remove(handling);
        }
    }
}
