namespace MlePrep.Discord.Rest;

/// <summary>A message-based reply's data, modal or autocomplete result (the callback <c>data</c>).</summary>
public sealed record InteractionCallbackData
{
    /// <summary>Message text.</summary>
    public string? Content { get; init; }
    /// <summary>Message embeds.</summary>
    public IReadOnlyList<Embed>? Embeds { get; init; }
    /// <summary>Message components, or modal components.</summary>
    public IReadOnlyList<Component>? Components { get; init; }
    /// <summary>Allowed mentions.</summary>
    public AllowedMentions? AllowedMentions { get; init; }
    /// <summary>Flags (only EPHEMERAL, SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS are valid).</summary>
    public int? Flags { get; init; }
    /// <summary>Autocomplete choices (≤ 25).</summary>
    public IReadOnlyList<CommandChoice>? Choices { get; init; }
    /// <summary>Modal custom id.</summary>
    public string? CustomId { get; init; }
    /// <summary>Modal title (≤ 45).</summary>
    public string? Title { get; init; }
    /// <summary>Files to upload with the message; the callback then goes as multipart/form-data.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<FileUpload>? Files { get; init; }
    /// <summary>The <c>attachments</c> entries of <see cref="Files"/> (id n for <c>files[n]</c>).</summary>
    public IReadOnlyList<AttachmentRequest>? Attachments => FileUpload.Requests(Files);
}

/// <summary>Interaction callback types.</summary>
public enum InteractionCallbackType
{
    /// <summary>PONG.</summary>
    Pong = 1,
    /// <summary>CHANNEL_MESSAGE_WITH_SOURCE.</summary>
    ChannelMessageWithSource = 4,
    /// <summary>DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: the member sees "thinking…".</summary>
    DeferredChannelMessageWithSource = 5,
    /// <summary>DEFERRED_UPDATE_MESSAGE (components).</summary>
    DeferredUpdateMessage = 6,
    /// <summary>UPDATE_MESSAGE (components): edit the message the component is on.</summary>
    UpdateMessage = 7,
    /// <summary>APPLICATION_COMMAND_AUTOCOMPLETE_RESULT.</summary>
    AutocompleteResult = 8,
    /// <summary>MODAL.</summary>
    Modal = 9,
}

/// <summary>The body of POST /interactions/{id}/{token}/callback.</summary>
public sealed record InteractionResponse(InteractionCallbackType Type, InteractionCallbackData? Data = null)
{
    /// <summary>Reply with a message.</summary>
    public static InteractionResponse Message(MessagePayload message) => new(InteractionCallbackType.ChannelMessageWithSource, FromMessage(message));

    /// <summary>Acknowledge now, reply later with Edit Original; the member sees "thinking…".</summary>
    public static InteractionResponse Deferred(bool ephemeral) =>
        new(InteractionCallbackType.DeferredChannelMessageWithSource, ephemeral ? new InteractionCallbackData { Flags = MessageFlags.Ephemeral } : null);

    /// <summary>Acknowledge a component click without a visible change yet.</summary>
    public static InteractionResponse DeferredUpdate() => new(InteractionCallbackType.DeferredUpdateMessage);

    /// <summary>Edit the message the clicked component is on.</summary>
    public static InteractionResponse Update(MessagePayload message) => new(InteractionCallbackType.UpdateMessage, FromMessage(message));

    /// <summary>Autocomplete suggestions (at most 25).</summary>
    public static InteractionResponse Autocomplete(IReadOnlyList<CommandChoice> choices) =>
        new(InteractionCallbackType.AutocompleteResult, new InteractionCallbackData { Choices = choices });

    /// <summary>Open a modal.</summary>
    public static InteractionResponse Modal(string customId, string title, IReadOnlyList<Component> components) =>
        new(InteractionCallbackType.Modal, new InteractionCallbackData { CustomId = customId, Title = title, Components = components });

    /// <summary>As sent, by the callback endpoint or as an HTTP response body: a message reply pings nobody unless its data says otherwise.</summary>
    public InteractionResponse WithDefaultMentions() =>
        this is { Type: InteractionCallbackType.ChannelMessageWithSource or InteractionCallbackType.UpdateMessage, Data: { AllowedMentions: null } data }
            ? this with { Data = data with { AllowedMentions = AllowedMentions.None } }
            : this;

    private static InteractionCallbackData FromMessage(MessagePayload m) => new()
    {
        Content = m.Content,
        Embeds = m.Embeds,
        Components = m.Components,
        AllowedMentions = m.AllowedMentions,
        Flags = m.Flags,
        Files = m.Files,
    };
}
