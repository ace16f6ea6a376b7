using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlePrep.Discord.Gateway;

namespace MlePrep.Discord.Hosting;

/// <summary>
/// Runs the gateway connection and the dispatcher for the lifetime of the host. When Discord refuses the bot for
/// good (bad token, disallowed intents) it logs one line, sets a failing exit code and stops the application,
/// so the orchestrator's restart policy takes over instead of a reconnect loop.
/// </summary>
internal sealed class GatewayHostedService(
    DiscordGatewayClient client,
    GatewayDispatcher dispatcher,
    IHostApplicationLifetime lifetime,
    ILogger<GatewayHostedService> logger) : BackgroundService
{
    public const int FatalExitCode = 1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dispatching = dispatcher.RunAsync(stoppingToken);
        try
        {
            var fatal = await client.RunAsync(stoppingToken);
            logger.GatewayFatal(fatal.CloseCode, fatal.Message);
            Environment.ExitCode = FatalExitCode;
            lifetime.StopApplication();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
        finally
        {
            dispatcher.Complete();
            await dispatching;
        }
    }
}
