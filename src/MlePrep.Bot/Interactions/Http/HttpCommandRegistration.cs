using System.Net;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Interactions.Http;

/// <summary>
/// Registers the commands at start, as <see cref="CommandRegistrar"/> does on READY over the gateway: without a gateway
/// session the application id comes from GET /applications/@me. A token Discord refuses stops the bot (exit 1), as a
/// refused Identify does.
/// </summary>
public sealed class HttpCommandRegistration(
    IServiceScopeFactory scopes,
    IDiscordApplicationClient applications,
    IHostApplicationLifetime lifetime,
    ILogger<HttpCommandRegistration> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CurrentApplication application;
        try
        {
            application = await applications.GetCurrentApplicationAsync(stoppingToken);
        }
        catch (DiscordApiException e) when (e.Status == HttpStatusCode.Unauthorized)
        {
            Log.HttpApplicationTokenRefused(logger, e.Code, e.DiscordMessage);
            Environment.ExitCode = BotHost.UnexpectedStopExitCode;
            lifetime.StopApplication();
            return;
        }
        catch (Exception e) when (e is DiscordApiException or HttpRequestException or TimeoutException)
        {
            Log.HttpApplicationUnknown(logger, e.Message);
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        // No READY lists the guilds here, so there are none to sweep for leftover development-guild commands.
        await ActivatorUtilities.CreateInstance<CommandRegistrar>(scope.ServiceProvider).RegisterAsync(application.Id, [], stoppingToken);
    }
}
