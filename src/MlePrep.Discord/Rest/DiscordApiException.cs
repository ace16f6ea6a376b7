using System.Net;
using System.Text.Json;

namespace MlePrep.Discord.Rest;

/// <summary>Discord answered with an error status. Carries Discord's JSON error code and message (never the token).</summary>
public sealed class DiscordApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DiscordApiException(HttpStatusCode status, int code, string discordMessage, string route, JsonElement? errors = null)
        : base($"Discord returned {(int)status} {status} (code {code}: {discordMessage}) for {route}")
    {
        Status = status;
        Code = code;
        DiscordMessage = discordMessage;
        Route = route;
        Errors = errors;
    }

    /// <summary>HTTP status.</summary>
    public HttpStatusCode Status { get; }
    /// <summary>Discord's JSON error code (0 when the body had none).</summary>
    public int Code { get; }
    /// <summary>Discord's message.</summary>
    public string DiscordMessage { get; }
    /// <summary>Method and route template, e.g. "POST /channels/{channel_id}/messages" (no ids, no tokens).</summary>
    public string Route { get; }
    /// <summary>Per-field error tree of a 50035.</summary>
    public JsonElement? Errors { get; }
}

/// <summary>Discord's JSON error codes the bot reacts to.</summary>
public static class DiscordErrorCodes
{
    /// <summary>Unknown channel.</summary>
    public const int UnknownChannel = 10003;
    /// <summary>Unknown message.</summary>
    public const int UnknownMessage = 10008;
    /// <summary>Unknown webhook (also an interaction token Discord has no response for yet).</summary>
    public const int UnknownWebhook = 10015;
    /// <summary>Unknown interaction (late or unknown callback).</summary>
    public const int UnknownInteraction = 10062;
    /// <summary>Invalid webhook token (interaction token expired).</summary>
    public const int InvalidWebhookToken = 50027;
    /// <summary>Interaction has already been acknowledged.</summary>
    public const int InteractionAlreadyAcknowledged = 40060;
    /// <summary>Missing access.</summary>
    public const int MissingAccess = 50001;
    /// <summary>Missing permissions.</summary>
    public const int MissingPermissions = 50013;
    /// <summary>Invalid form body.</summary>
    public const int InvalidFormBody = 50035;
}
