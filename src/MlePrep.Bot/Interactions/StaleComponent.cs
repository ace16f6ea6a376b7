namespace MlePrep.Bot.Interactions;

/// <summary>The reply to a button or modal the bot cannot serve: an id it cannot parse, or a question no longer in the bank.</summary>
public static class StaleComponent
{
    public const string Message =
        "This button belongs to something the bot no longer knows (it may have restarted with a new question bank). Try `/question` for a fresh one.";

    public static InteractionReply Reply() => InteractionReply.Private(Message);
}
