using Microsoft.Extensions.Logging;

namespace MlePrep.Discord.Rest;

/// <summary>REST log lines. Routes are templates: no ids, no tokens.</summary>
internal static partial class RestLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Rate limited on {Route} (scope {Scope}, global {Global}); retrying in {RetryAfterMs} ms")]
    public static partial void RateLimited(this ILogger logger, string route, string scope, bool global, double retryAfterMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Bucket of {Route} exhausted; waiting {WaitMs} ms for its reset")]
    public static partial void WaitingForBucket(this ILogger logger, string route, double waitMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "{Route} failed with {Status} on attempt {Attempt}; retrying in {DelayMs} ms")]
    public static partial void Retrying(this ILogger logger, string route, int status, int attempt, double delayMs);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "{Route} got no response on attempt {Attempt} ({Reason}); retrying in {DelayMs} ms")]
    public static partial void NoResponse(this ILogger logger, string route, int attempt, string reason, double delayMs);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning,
        Message = "The interaction token was rejected on {Route} ({Status}, code {Code}): it expired (15 min) or is invalid. The bot token is not affected")]
    public static partial void InteractionTokenRejected(this ILogger logger, string route, int status, int code);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Critical, Message = "Discord rejected the bot token on {Route} (401, code {Code}); check Discord:Token")]
    public static partial void BotTokenRejected(this ILogger logger, string route, int code);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "{Route} failed with {Status} (code {Code}: {DiscordMessage})")]
    public static partial void RequestFailed(this ILogger logger, string route, int status, int code, string discordMessage);
}
