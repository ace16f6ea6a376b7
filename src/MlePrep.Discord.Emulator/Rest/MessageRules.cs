using System.Text.Json.Nodes;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>
/// Discord's rules for a message body, exactly as the emulator enforces them on every message route: lets a test check
/// what a reply builder makes at its largest without a round trip.
/// </summary>
public static class MessageRules
{
    /// <summary>Discord's 50035 body for <paramref name="body"/> sent as an interaction reply or follow-up, or null when it would be accepted.</summary>
    public static JsonObject? InteractionReplyErrors(JsonNode? body)
    {
        var errors = new FormErrors();
        Validation.Message(body, errors, Validation.InteractionMessageFlags, allowNonce: false);
        return errors.Any ? errors.ToBody() : null;
    }
}
