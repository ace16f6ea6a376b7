using Microsoft.Extensions.DependencyInjection.Extensions;
using MlePrep.Discord;
using MlePrep.Discord.Hosting;

namespace MlePrep.Bot.Interactions;

public static class InteractionsServiceCollectionExtensions
{
    /// <summary>The router every interaction goes through and the registrar that syncs commands on READY.</summary>
    public static IServiceCollection AddInteractions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CommandRegistrationOptions>().Bind(configuration.GetSection("Discord"));
        // The router keeps Discord's deadline on the client's clock; the client registers it too, whichever comes first.
        services.TryAddKeyedSingleton(DiscordClock.Key, TimeProvider.System);
        services.AddScoped<IInteractionHandler, InteractionRouter>();
        services.AddScoped<IGatewayEventHandler, CommandRegistrar>();
        services.AddSingleton<GuildCommandSweep>();
        return services;
    }
}
