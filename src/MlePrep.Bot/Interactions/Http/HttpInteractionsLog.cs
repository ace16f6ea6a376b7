using MlePrep.Bot.Interactions.Http;
using MlePrep.Discord.Interactions;

namespace MlePrep.Bot;

/// <summary>Log lines of the HTTP interactions endpoint (event ids 3200–3299).</summary>
internal static partial class Log
{
    [LoggerMessage(3200, LogLevel.Information, "Receiving interactions over HTTP at {Url}{Path}; no gateway connection")]
    public static partial void HttpInteractionsListening(ILogger logger, string url, string path);

    [LoggerMessage(3201, LogLevel.Critical, "Could not listen for interactions at {Url} (Interactions:Url): {Reason}")]
    public static partial void HttpInteractionsListenFailed(ILogger logger, string url, string reason);

    // Debug: Discord sends badly signed requests on purpose to check the endpoint, and anyone can post to it.
    [LoggerMessage(3202, LogLevel.Debug, "Refused a request to the interactions endpoint (401): signature {Check}")]
    public static partial void HttpSignatureRefused(ILogger logger, SignatureCheck check);

    [LoggerMessage(3203, LogLevel.Warning, "Refused a request to the interactions endpoint (413): the body is over {MaxBytes} bytes")]
    public static partial void HttpBodyTooLarge(ILogger logger, int maxBytes);

    [LoggerMessage(3204, LogLevel.Warning, "A correctly signed request to the interactions endpoint is not an interaction (400): {Reason}")]
    public static partial void HttpInteractionUnreadable(ILogger logger, string reason);

    [LoggerMessage(3205, LogLevel.Warning, "Refused interaction {InteractionId} (400): {Problem}")]
    public static partial void HttpInteractionRejected(ILogger logger, ulong interactionId, string problem);

    [LoggerMessage(3206, LogLevel.Error, "Interaction {InteractionId} ({Type} {Name}) failed")]
    public static partial void HttpInteractionFailed(ILogger logger, ulong interactionId, InteractionType type, string? name, Exception exception);

    [LoggerMessage(3207, LogLevel.Warning, "Interaction {InteractionId} ({Name}) got no initial response within {Seconds} s; Discord shows \"interaction failed\"")]
    public static partial void HttpInteractionUnanswered(ILogger logger, ulong interactionId, string? name, double seconds);

    [LoggerMessage(3208, LogLevel.Information, "Stopping: {Count} interactions still finishing (up to {Seconds} s)")]
    public static partial void HttpInteractionsDraining(ILogger logger, int count, double seconds);

    [LoggerMessage(3209, LogLevel.Warning, "Interactions were still running after {Seconds} s (Discord:ShutdownDrainTimeout); they were cancelled")]
    public static partial void HttpInteractionsDrainTimedOut(ILogger logger, double seconds);

    [LoggerMessage(3210, LogLevel.Critical, "Discord refused the bot token (GET /applications/@me: {Code} {DiscordMessage}); check Discord__Token. Stopping")]
    public static partial void HttpApplicationTokenRefused(ILogger logger, int code, string discordMessage);

    [LoggerMessage(3211, LogLevel.Error, "Could not read the application id to register commands (GET /applications/@me): {Reason}")]
    public static partial void HttpApplicationUnknown(ILogger logger, string reason);
}
