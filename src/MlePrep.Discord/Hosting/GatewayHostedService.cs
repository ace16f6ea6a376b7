using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Rest;

namespace MlePrep.Discord.Hosting;

/// <summary>
/// Runs the gateway shards this process owns (<c>Discord:ShardCount</c>, <c>Discord:ShardIds</c>) and the dispatcher they
/// all feed, for the lifetime of the host. When Discord refuses the bot for good on any shard (bad token, disallowed
/// intents, an invalid shard, sharding required) it logs one line, sets a failing exit code and stops the application,
/// so the orchestrator's restart policy takes over instead of a reconnect loop. On shutdown every shard closes with
/// 1000 (the bot shows offline at once) and interactions already received get
/// <see cref="DiscordOptions.ShutdownDrainTimeout"/> to finish and reply.
/// </summary>
internal sealed class GatewayHostedService(
    GatewayShardFactory shards,
    GatewaySessionStarts starts,
    GatewayDispatcher dispatcher,
    GatewayPolicy policy,
    IOptions<DiscordOptions> options,
    [FromKeyedServices(DiscordClock.Key)] TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<GatewayHostedService> logger) : BackgroundService
{
    public const int FatalExitCode = 1;

    public const int ConfigurationExitCode = 2;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Handlers keep a live token through a shutdown, for up to the drain timeout: interactions already received
        // get their replies sent instead of dropped with a cancelled token.
        using var handlers = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        var drain = options.Value.ShutdownDrainTimeout;
        await using var draining = stoppingToken.Register(() =>
        {
            logger.ShutdownDraining(dispatcher.InFlight, drain.TotalSeconds);
            handlers.CancelAfter(drain);
        });
        var dispatching = dispatcher.RunAsync(handlers.Token);
        List<Task<GatewayFatalError>> runs = [];
        try
        {
            if (await PlanAsync(stoppingToken) is not { } plan)
            {
                return;
            }
            logger.ShardsStarting(string.Join(",", plan.Select(s => s.Id)), plan[0].Count);
            // In id order: each shard reserves its identify slot as it starts, so buckets identify in order.
            runs.AddRange(plan.Select(shard => RunShardAsync(shards.Create(shard), stoppingToken)));
            var fatal = await await Task.WhenAny(runs);
            Stop(FatalExitCode, () => logger.GatewayFatal(fatal.CloseCode, fatal.Message));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: the gateway connections were closed with 1000.
        }
        finally
        {
            // The other shards end when the host stops; none may write to the queues after they close.
            foreach (var run in runs)
            {
                await run.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            dispatcher.Complete();
            await dispatching;
            if (handlers.IsCancellationRequested)
            {
                logger.ShutdownDrainTimedOut(drain.TotalSeconds);
            }
        }
    }

    private async Task<GatewayFatalError> RunShardAsync(DiscordGatewayClient client, CancellationToken ct)
    {
        // Every line a shard's connection logs carries its [id, count] (for log formatters that show scopes).
        using var scope = client.Shard.IsSharded ? logger.BeginScope("Shard {Shard}", client.Shard.ToString()) : null;
        // Runs synchronously up to the shard's first wait, so the next shard starts (and reserves its identify slot) after it.
        return await client.RunAsync(ct);
    }

    /// <summary>The shards to run, or null when the bot has to stop (already logged, exit code set).</summary>
    private async Task<IReadOnlyList<Shard>?> PlanAsync(CancellationToken ct)
    {
        var settings = options.Value;
        // Validated at start; with auto the ids meet the count only now.
        ShardSettings.TryParseCount(settings.ShardCount, out var count, out _);
        if (count is null)
        {
            count = await RecommendedShardCountAsync(ct);
            if (count is null)
            {
                return null;
            }
            logger.ShardCountRecommended(count.Value);
        }
        if (!ShardSettings.TryParseIds(settings.ShardIds, count, out var ids, out var problem))
        {
            Stop(ConfigurationExitCode, () => logger.ShardPlanInvalid(problem!));
            return null;
        }
        return [.. ids.Select(id => new Shard(id, count.Value))];
    }

    private async Task<int?> RecommendedShardCountAsync(CancellationToken ct)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                return Math.Max(1, (await starts.InfoAsync(ct)).Shards);
            }
            catch (DiscordApiException ex) when (ex.Status == HttpStatusCode.Unauthorized)
            {
                Stop(FatalExitCode, () => logger.GatewayFatal(null, "Discord rejected the bot token (HTTP 401 on GET /gateway/bot). Check Discord__Token."));
                return null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var delay = policy.Backoff(failures);
                logger.ShardCountLookupFailed(ex.Message, delay.TotalMilliseconds, failures);
                await Task.Delay(delay, time, ct);
            }
        }
    }

    private void Stop(int exitCode, Action log)
    {
        log();
        Environment.ExitCode = exitCode;
        lifetime.StopApplication();
    }
}

/// <summary>Makes the client of one shard; every shard of the process shares the session starts, the policy and the dispatch sink.</summary>
internal sealed class GatewayShardFactory(
    GatewaySessionStarts starts,
    IOptions<DiscordOptions> options,
    IGatewayTransportFactory transports,
    IGatewayDispatchSink sink,
    GatewayPolicy policy,
    [FromKeyedServices(DiscordClock.Key)] TimeProvider time,
    ILogger<DiscordGatewayClient> logger)
{
    private readonly ConcurrentQueue<DiscordGatewayClient> _created = new();

    /// <summary>The shard connections this process runs, once the plan is made (for health reports).</summary>
    public IReadOnlyCollection<DiscordGatewayClient> Created => _created;

    public DiscordGatewayClient Create(Shard shard)
    {
        var client = new DiscordGatewayClient(shard, starts, options, transports, sink, policy, time, logger);
        _created.Enqueue(client);
        return client;
    }
}
