using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlePrep.Discord.Gateway;

namespace MlePrep.Discord.Hosting;

/// <summary>
/// Runs the gateway connection and the dispatcher for the lifetime of the host. When Discord refuses the bot for
/// good (bad token, disallowed intents) it logs one line, sets a failing exit code and stops the application,
/// so the orchestrator's restart policy takes over instead of a reconnect loop. On shutdown the gateway closes with
/// 1000 (the bot shows offline at once) and interactions already received get <see cref="DiscordOptions.ShutdownDrainTimeout"/>
/// to finish and reply.
/// </summary>
internal sealed class GatewayHostedService(
    DiscordGatewayClient client,
    GatewayDispatcher dispatcher,
    IOptions<DiscordOptions> options,
    [FromKeyedServices(DiscordClock.Key)] TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<GatewayHostedService> logger) : BackgroundService
{
    public const int FatalExitCode = 1;

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
        try
        {
            var fatal = await client.RunAsync(stoppingToken);
            logger.GatewayFatal(fatal.CloseCode, fatal.Message);
            Environment.ExitCode = FatalExitCode;
            lifetime.StopApplication();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: the gateway connection was closed with 1000.
        }
        finally
        {
            dispatcher.Complete();
            await dispatching;
            if (handlers.IsCancellationRequested)
            {
                logger.ShutdownDrainTimedOut(drain.TotalSeconds);
            }
        }
    }
}
