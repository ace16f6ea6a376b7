using MlePrep.Discord.Hosting;

namespace MlePrep.Bot.Interactions;

public static class InteractionsServiceCollectionExtensions
{
    /// <summary>The router every interaction goes through and the registrar that syncs commands on READY.</summary>
    public static IServiceCollection AddInteractions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CommandRegistrationOptions>().Bind(configuration.GetSection("Discord"));
        services.AddScoped<IInteractionHandler, InteractionRouter>();
        services.AddScoped<IGatewayEventHandler, CommandRegistrar>();
        services.AddSingleton<GuildCommandSweep>();
        return services;
    }
}
