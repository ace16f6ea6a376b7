using Microsoft.Extensions.Logging;

namespace MlePrep.Discord;

/// <summary>Log lines of the REST client (event ids 2001–2007, 2100). Routes are templates: no ids, no tokens.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Warning, "Rate limited on {Route} (scope {Scope}, global {Global}); retrying in {RetryAfterMs} ms")]
    public static partial void RateLimited(this ILogger logger, string route, string scope, bool global, double retryAfterMs);

    [LoggerMessage(2002, LogLevel.Debug, "Bucket of {Route} exhausted; waiting {WaitMs} ms for its reset")]
    public static partial void WaitingForBucket(this ILogger logger, string route, double waitMs);

    [LoggerMessage(2003, LogLevel.Warning, "{Route} failed with {Status} on attempt {Attempt}; retrying in {DelayMs} ms")]
    public static partial void Retrying(this ILogger logger, string route, int status, int attempt, double delayMs);

    [LoggerMessage(2004, LogLevel.Warning, "{Route} got no response on attempt {Attempt} ({Reason}); retrying in {DelayMs} ms")]
    public static partial void NoResponse(this ILogger logger, string route, int attempt, string reason, double delayMs);

    [LoggerMessage(2005, LogLevel.Warning,
        "The interaction token was rejected on {Route} ({Status}, code {Code}): it expired (15 min) or is invalid. The bot token is not affected")]
    public static partial void InteractionTokenRejected(this ILogger logger, string route, int status, int code);

    [LoggerMessage(2006, LogLevel.Critical, "Discord rejected the bot token on {Route} (401, code {Code}); check Discord:Token")]
    public static partial void BotTokenRejected(this ILogger logger, string route, int code);

    [LoggerMessage(2007, LogLevel.Warning, "{Route} failed with {Status} (code {Code}: {DiscordMessage})")]
    public static partial void RequestFailed(this ILogger logger, string route, int status, int code, string discordMessage);

    [LoggerMessage(2100, LogLevel.Debug, "{Route} answered 10008 on attempt {Attempt}: the message is already deleted")]
    public static partial void AlreadyDeleted(this ILogger logger, string route, int attempt);
}
