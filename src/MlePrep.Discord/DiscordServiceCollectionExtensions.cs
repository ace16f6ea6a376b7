using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Hosting;
using MlePrep.Discord.Rest;

namespace MlePrep.Discord;

/// <summary>Registers the Discord client in a host.</summary>
public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// Adds the gateway connection, the interaction dispatcher and the HTTP API client. <see cref="DiscordOptions"/>
    /// are bound from <paramref name="section"/> and validated when the host starts, so a missing token stops the
    /// host with a message naming <c>Discord__Token</c>. The application registers its scoped
    /// <see cref="IInteractionHandler"/> and any <see cref="IGatewayEventHandler"/>s.
    /// </summary>
    public static IServiceCollection AddDiscordClient(this IServiceCollection services, IConfiguration section)
    {
        services.AddDiscordRestClient(section);
        services.TryAddSingleton<GatewayPolicy>();
        services.TryAddSingleton<IGatewayTransportFactory, WebSocketGatewayTransportFactory>();
        services.TryAddSingleton<GatewayDispatcher>();
        services.TryAddSingleton<IGatewayDispatchSink>(sp => sp.GetRequiredService<GatewayDispatcher>());
        services.TryAddSingleton<GatewaySessionStarts>();
        services.TryAddSingleton<GatewayShardFactory>();
        services.AddHostedService<GatewayHostedService>();
        services.AddSingleton<IInteractionsReadiness, GatewayReadiness>();
        return services;
    }

    /// <summary>
    /// Adds the HTTP API client alone, with <see cref="DiscordOptions"/> bound and validated as in
    /// <see cref="AddDiscordClient"/>: for an application that receives interactions over HTTP and opens no gateway connection.
    /// </summary>
    public static IServiceCollection AddDiscordRestClient(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<DiscordOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.TryAddKeyedSingleton(DiscordClock.Key, TimeProvider.System);
        services.TryAddKeyedSingleton(DiscordClock.Key, Random.Shared);
        services.AddDiscordRest();
        // The same typed client, seen through its application read.
        services.TryAddTransient(sp => (IDiscordApplicationClient)sp.GetRequiredService<IDiscordRestClient>());
        return services;
    }
}
