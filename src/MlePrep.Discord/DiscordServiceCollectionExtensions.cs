using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MlePrep.Discord;

/// <summary>Registers the Discord client (replaced by the gateway branch).</summary>
public static class DiscordServiceCollectionExtensions
{
    /// <summary>Adds the client.</summary>
    public static IServiceCollection AddDiscordClient(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<DiscordOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
