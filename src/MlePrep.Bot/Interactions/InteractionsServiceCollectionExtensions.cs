using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MlePrep.Bot.Interactions.Http;
using MlePrep.Discord;
using MlePrep.Discord.Hosting;

namespace MlePrep.Bot.Interactions;

public static class InteractionsServiceCollectionExtensions
{
    /// <summary>
    /// The router every interaction goes through and command registration: on READY over the gateway, or at start with
    /// the HTTP interactions endpoint when <c>Interactions:Mode</c> is <c>Http</c>.
    /// </summary>
    public static IServiceCollection AddInteractions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CommandRegistrationOptions>().Bind(configuration.GetSection("Discord"));
        services.AddOptions<InteractionsOptions>().Bind(configuration.GetSection(InteractionsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InteractionsOptions>, InteractionsOptionsValidator>());
        // The router keeps Discord's deadline on the client's clock; the client registers it too, whichever comes first.
        services.TryAddKeyedSingleton(DiscordClock.Key, TimeProvider.System);
        services.AddSingleton<InteractionRoutes>();
        services.AddScoped<IInteractionHandler, InteractionRouter>();
        services.AddScoped<IGatewayEventHandler, CommandRegistrar>();
        services.AddSingleton<GuildCommandSweep>();
        if (InteractionsOptions.IsHttp(configuration))
        {
            services.AddHttpInteractions();
        }
        else
        {
            services.AddScoped<IInitialResponse, CallbackInitialResponse>();
        }
        return services;
    }

    /// <summary>
    /// A slash command, built per interaction scope: by its own type when the router runs it (only it), and among
    /// every <see cref="ISlashCommand"/> for registration with Discord and <c>/help</c>.
    /// </summary>
    public static IServiceCollection AddSlashCommand<T>(this IServiceCollection services) where T : class, ISlashCommand =>
        services.AddScoped<T>().AddScoped<ISlashCommand>(sp => sp.GetRequiredService<T>());

    /// <summary>A button or modal handler, built per interaction scope by its own type when its custom id comes in.</summary>
    public static IServiceCollection AddComponentHandler<T>(this IServiceCollection services) where T : class, IComponentHandler =>
        services.AddScoped<T>().AddScoped<IComponentHandler>(sp => sp.GetRequiredService<T>());

    private static void AddHttpInteractions(this IServiceCollection services)
    {
        services.AddScoped<HttpInitialResponse>();
        services.AddScoped<IInitialResponse>(sp => sp.GetRequiredService<HttpInitialResponse>());
        // Built only after the options are validated (at start), so the key parses.
        services.AddSingleton(sp => new InteractionSignature(
            InteractionsOptions.ParsePublicKey(sp.GetRequiredService<IOptions<InteractionsOptions>>().Value.PublicKey)!,
            sp.GetRequiredKeyedService<TimeProvider>(DiscordClock.Key)));
        services.AddSingleton<HttpInteractionRunner>();
        services.AddSingleton<HttpInteractionsEndpoint>();
        services.AddSingleton<HttpInteractionsServer>();
        services.AddHostedService(sp => sp.GetRequiredService<HttpInteractionsServer>());
        services.AddSingleton<IInteractionsReadiness>(sp => sp.GetRequiredService<HttpInteractionsServer>());
        services.AddHostedService<HttpCommandRegistration>();
    }
}
