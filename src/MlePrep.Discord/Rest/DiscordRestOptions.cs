using Microsoft.Extensions.Options;

namespace MlePrep.Discord.Rest;

/// <summary>Settings of the HTTP API client, bound from the <c>Discord</c> configuration section beside <see cref="DiscordOptions"/>.</summary>
public sealed class DiscordRestOptions
{
    /// <summary>Discord's global limit: requests per second per bot token, whatever the number of processes sending them.</summary>
    public const int DiscordGlobalLimit = 50;

    /// <summary>
    /// Requests per second this process may send against Discord's global limit, which every process of the bot shares.
    /// One process keeps the default; N processes each take their share, 50 / N rounded down.
    /// </summary>
    public int GlobalRateLimit { get; set; } = DiscordGlobalLimit;
}

/// <summary>Checks <see cref="DiscordRestOptions"/>, with one line for the operator.</summary>
internal sealed class DiscordRestOptionsValidator : IValidateOptions<DiscordRestOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordRestOptions options) =>
        options.GlobalRateLimit is >= 1 and <= DiscordRestOptions.DiscordGlobalLimit
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Discord:GlobalRateLimit must be from 1 to {DiscordRestOptions.DiscordGlobalLimit} requests per second: Discord allows " +
                $"{DiscordRestOptions.DiscordGlobalLimit} per bot token, so with N processes set {DiscordRestOptions.DiscordGlobalLimit} / N (rounded down) on each.");
}
