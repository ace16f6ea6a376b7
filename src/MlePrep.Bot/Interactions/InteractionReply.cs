using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Interactions;

/// <summary>What a command or component answers. The router turns it into the right Discord calls.</summary>
public sealed record InteractionReply
{
    private InteractionReply(ReplyKind kind) => Kind = kind;

    public ReplyKind Kind { get; }

    /// <summary>The message to send or the new content of the clicked message.</summary>
    public MessagePayload? Message { get; private init; }

    /// <summary>Only the member who acted sees it.</summary>
    public bool Ephemeral { get; private init; }

    /// <summary>For <see cref="ReplyKind.Modal"/>.</summary>
    public InteractionCallbackData? Modal { get; private init; }

    /// <summary>For <see cref="ReplyKind.Autocomplete"/>.</summary>
    public IReadOnlyList<CommandChoice>? Choices { get; private init; }

    /// <summary>A message everyone in the channel sees.</summary>
    public static InteractionReply Public(MessagePayload message) => new(ReplyKind.Message) { Message = message };

    /// <summary>A message only the member sees.</summary>
    public static InteractionReply Private(MessagePayload message) => new(ReplyKind.Message) { Message = message, Ephemeral = true };

    /// <summary>A plain text message only the member sees.</summary>
    public static InteractionReply Private(string text) => Private(new MessagePayload { Content = text });

    /// <summary>Replace the message the clicked component is on.</summary>
    public static InteractionReply Update(MessagePayload message) => new(ReplyKind.Update) { Message = message };

    /// <summary>Open a modal.</summary>
    public static InteractionReply OpenModal(string customId, string title, IReadOnlyList<Component> components) =>
        new(ReplyKind.Modal) { Modal = new InteractionCallbackData { CustomId = customId, Title = title, Components = components } };

    /// <summary>Autocomplete suggestions (the router keeps at most 25).</summary>
    public static InteractionReply Suggest(IReadOnlyList<CommandChoice> choices) => new(ReplyKind.Autocomplete) { Choices = choices };
}

public enum ReplyKind
{
    Message,
    Update,
    Modal,
    Autocomplete,
}
