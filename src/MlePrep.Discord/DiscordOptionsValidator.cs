using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using MlePrep.Discord.Gateway;

namespace MlePrep.Discord;

/// <summary>
/// Validates <see cref="DiscordOptions"/> with one plain sentence per mistake (the attributes' own messages, without
/// the "DataAnnotation validation failed for…" wrapper), and keeps the token off the network in clear text.
/// </summary>
internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var failures = results.Select(r => r.ErrorMessage).OfType<string>().ToList();
        if (ApiBaseUrlProblem(options.ApiBaseUrl) is { } problem)
        {
            failures.Add(problem);
        }
        failures.AddRange(ShardProblems(options));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // With ShardCount = auto the ids can only be checked against the count once GET /gateway/bot has answered.
    private static IEnumerable<string> ShardProblems(DiscordOptions options)
    {
        if (!ShardSettings.TryParseCount(options.ShardCount, out var count, out var problem))
        {
            yield return problem!;
            yield break;
        }
        if (!ShardSettings.TryParseIds(options.ShardIds, count, out _, out problem))
        {
            yield return problem!;
        }
    }

    // Every request carries the token, so plain http is only for an API on this machine (the emulator, a local simulator).
    private static string? ApiBaseUrlProblem(Uri? url) => url switch
    {
        null => null, // [Required] reports it.
        { IsAbsoluteUri: false } => $"Discord:ApiBaseUrl must be an absolute https URL such as https://discord.com/api/v10, not '{url}'.",
        { Scheme: "https" } => null,
        { Scheme: "http", IsLoopback: true } => null,
        _ => $"Discord:ApiBaseUrl must use https: every request carries the bot token. Plain http is allowed only for a loopback host (127.0.0.1, [::1], localhost), not {url.Scheme}://{url.Authority}.",
    };
}
