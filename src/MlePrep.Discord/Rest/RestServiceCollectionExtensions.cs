using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MlePrep.Discord.Rest;

/// <summary>Registers the HTTP API client.</summary>
public static class RestServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IDiscordRestClient"/> (expects <see cref="DiscordOptions"/> to be registered).</summary>
    public static IServiceCollection AddDiscordRest(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton(DiscordClock.Key, TimeProvider.System);
        services.AddOptions<DiscordRestOptions>().BindConfiguration(DiscordOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordRestOptions>, DiscordRestOptionsValidator>());
        // The global limit is per bot token: this process sends at most its configured share of it.
        services.TryAddSingleton(sp => RestPolicy.Default with
        {
            GlobalRequestsPerSecond = sp.GetRequiredService<IOptions<DiscordRestOptions>>().Value.GlobalRateLimit,
        });
        // One limiter for the process: bucket and global state must outlive each typed client instance.
        services.TryAddSingleton<RestRateLimiter>();
        services.AddHttpClient<IDiscordRestClient, DiscordRestClient>((sp, http) =>
            {
                var baseUrl = sp.GetRequiredService<IOptions<DiscordOptions>>().Value.ApiBaseUrl.ToString();
                // Relative paths resolve under the version segment only with a trailing slash.
                http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
                // Each attempt has its own timeout (RestPolicy), so retries are not cut short by the client-wide one.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The default HttpClient logging writes full URLs, and interaction tokens are in the path.
            .RemoveAllLoggers();
        return services;
    }
}
