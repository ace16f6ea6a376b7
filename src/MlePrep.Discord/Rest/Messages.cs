using MlePrep.Discord.Interactions;
using System.Text.Json.Serialization;

namespace MlePrep.Discord.Rest;

/// <summary>
/// The body of a message the bot sends: a channel message, an interaction reply, an edit or a follow-up.
/// Null members are left out of the JSON. <see cref="AllowedMentions"/> left null is sent as "nothing".
/// </summary>
public sealed record MessagePayload
{
    /// <summary>Text, at most 2000 characters.</summary>
    public string? Content { get; init; }
    /// <summary>Up to 10 embeds.</summary>
    public IReadOnlyList<Embed>? Embeds { get; init; }
    /// <summary>Up to 5 action rows.</summary>
    public IReadOnlyList<Component>? Components { get; init; }
    /// <summary>Who may be pinged. The client sends <see cref="AllowedMentions.None"/> when this is null.</summary>
    public AllowedMentions? AllowedMentions { get; init; }
    /// <summary>Message flags, e.g. <see cref="MessageFlags.Ephemeral"/>.</summary>
    public int? Flags { get; init; }
    /// <summary>Create Message only: a client-chosen id (≤ 25 characters) for de-duplication.</summary>
    public string? Nonce { get; init; }
    /// <summary>Create Message only: with a nonce, makes Discord return the earlier message instead of posting twice.</summary>
    public bool? EnforceNonce { get; init; }
}

/// <summary>Message flag bits.</summary>
public static class MessageFlags
{
    /// <summary>SUPPRESS_EMBEDS.</summary>
    public const int SuppressEmbeds = 1 << 2;
    /// <summary>EPHEMERAL: only the invoking user sees it.</summary>
    public const int Ephemeral = 1 << 6;
    /// <summary>SUPPRESS_NOTIFICATIONS.</summary>
    public const int SuppressNotifications = 1 << 12;
}

/// <summary>Which mentions in a message ping anybody.</summary>
public sealed record AllowedMentions
{
    /// <summary>Mention types parsed from the content ("roles", "users", "everyone"); empty = none.</summary>
    public IReadOnlyList<string> Parse { get; init; } = [];
    /// <summary>Roles that may be pinged.</summary>
    public IReadOnlyList<ulong>? Roles { get; init; }
    /// <summary>Users that may be pinged.</summary>
    public IReadOnlyList<ulong>? Users { get; init; }
    /// <summary>Whether a reply pings its author.</summary>
    public bool? RepliedUser { get; init; }

    /// <summary>Nobody is pinged.</summary>
    public static AllowedMentions None { get; } = new();

    /// <summary>Only this role is pinged.</summary>
    public static AllowedMentions OnlyRole(ulong roleId) => new() { Roles = [roleId] };
}

/// <summary>An embed.</summary>
public sealed record Embed
{
    /// <summary>Title, ≤ 256.</summary>
    public string? Title { get; init; }
    /// <summary>Description, ≤ 4096.</summary>
    public string? Description { get; init; }
    /// <summary>Link of the title.</summary>
    public string? Url { get; init; }
    /// <summary>Colour as 0xRRGGBB.</summary>
    public int? Color { get; init; }
    /// <summary>Timestamp shown in the footer.</summary>
    public DateTimeOffset? Timestamp { get; init; }
    /// <summary>Footer.</summary>
    public EmbedFooter? Footer { get; init; }
    /// <summary>Author line.</summary>
    public EmbedAuthor? Author { get; init; }
    /// <summary>Up to 25 fields.</summary>
    public IReadOnlyList<EmbedField>? Fields { get; init; }
}

/// <summary>Embed footer.</summary>
public sealed record EmbedFooter(string Text);

/// <summary>Embed author.</summary>
public sealed record EmbedAuthor(string Name);

/// <summary>Embed field.</summary>
public sealed record EmbedField(string Name, string Value, bool? Inline = null);

/// <summary>Component types used by this client.</summary>
public static class ComponentTypes
{
    /// <summary>Action Row.</summary>
    public const int ActionRow = 1;
    /// <summary>Button.</summary>
    public const int Button = 2;
    /// <summary>String Select.</summary>
    public const int StringSelect = 3;
    /// <summary>Text Input.</summary>
    public const int TextInput = 4;
    /// <summary>Text Display.</summary>
    public const int TextDisplay = 10;
    /// <summary>Label.</summary>
    public const int Label = 18;
}

/// <summary>Button styles.</summary>
public enum ButtonStyle
{
    /// <summary>Blurple.</summary>
    Primary = 1,
    /// <summary>Grey.</summary>
    Secondary = 2,
    /// <summary>Green.</summary>
    Success = 3,
    /// <summary>Red.</summary>
    Danger = 4,
    /// <summary>Navigates to a URL.</summary>
    Link = 5,
}

/// <summary>A message or modal component (action row, button, text input, label). Unused members stay null.</summary>
public sealed record Component
{
    /// <summary>Component type, see <see cref="ComponentTypes"/>.</summary>
    public required int Type { get; init; }
    /// <summary>Developer id, 1–100 characters.</summary>
    public string? CustomId { get; init; }
    /// <summary>Button style, or text input style (1 short, 2 paragraph).</summary>
    public int? Style { get; init; }
    /// <summary>Button label (≤ 80) or Label text (≤ 45).</summary>
    public string? Label { get; init; }
    /// <summary>Label description (≤ 100).</summary>
    public string? Description { get; init; }
    /// <summary>Button emoji.</summary>
    public ComponentEmoji? Emoji { get; init; }
    /// <summary>Link button URL.</summary>
    public string? Url { get; init; }
    /// <summary>Whether the button is disabled.</summary>
    public bool? Disabled { get; init; }
    /// <summary>Children of an action row.</summary>
    public IReadOnlyList<Component>? Components { get; init; }
    /// <summary>The child of a Label.</summary>
    [JsonPropertyName("component")]
    public Component? Child { get; init; }
    /// <summary>Text input minimum length.</summary>
    public int? MinLength { get; init; }
    /// <summary>Text input maximum length.</summary>
    public int? MaxLength { get; init; }
    /// <summary>Whether the input must be filled.</summary>
    public bool? Required { get; init; }
    /// <summary>Text input placeholder (≤ 100).</summary>
    public string? Placeholder { get; init; }
    /// <summary>Text input pre-filled value.</summary>
    public string? Value { get; init; }
    /// <summary>Text Display content.</summary>
    public string? Content { get; init; }

    /// <summary>An action row.</summary>
    public static Component ActionRow(params Component[] children) => new() { Type = ComponentTypes.ActionRow, Components = children };

    /// <summary>A button that sends an interaction.</summary>
    public static Component Button(ButtonStyle style, string label, string customId, string? emoji = null, bool disabled = false) => new()
    {
        Type = ComponentTypes.Button,
        Style = (int)style,
        Label = label,
        CustomId = customId,
        Emoji = emoji is null ? null : new ComponentEmoji(emoji),
        Disabled = disabled ? true : null,
    };

    /// <summary>A text input wrapped in a Label (the current modal shape).</summary>
    public static Component LabeledTextInput(string label, string customId, bool paragraph, int? minLength = null, int? maxLength = null,
        string? description = null, string? placeholder = null, bool required = true) => new()
    {
        Type = ComponentTypes.Label,
        Label = label,
        Description = description,
        Child = new Component
        {
            Type = ComponentTypes.TextInput,
            CustomId = customId,
            Style = paragraph ? 2 : 1,
            MinLength = minLength,
            MaxLength = maxLength,
            Placeholder = placeholder,
            Required = required,
        },
    };
}

/// <summary>A unicode emoji on a button.</summary>
public sealed record ComponentEmoji(string Name);

/// <summary>A message as Discord returns it.</summary>
public sealed record Message
{
    /// <summary>Message id.</summary>
    public required ulong Id { get; init; }
    /// <summary>Channel id.</summary>
    public required ulong ChannelId { get; init; }
    /// <summary>Author.</summary>
    public User? Author { get; init; }
    /// <summary>Text.</summary>
    public string Content { get; init; } = "";
    /// <summary>When it was sent.</summary>
    public DateTimeOffset Timestamp { get; init; }
    /// <summary>When it was last edited.</summary>
    public DateTimeOffset? EditedTimestamp { get; init; }
    /// <summary>Embeds.</summary>
    public IReadOnlyList<Embed> Embeds { get; init; } = [];
    /// <summary>Components.</summary>
    public IReadOnlyList<Component>? Components { get; init; }
    /// <summary>Flags.</summary>
    public int? Flags { get; init; }
    /// <summary>Nonce echoed back.</summary>
    public string? Nonce { get; init; }
    /// <summary>The thread started from this message, if any.</summary>
    public PartialChannel? Thread { get; init; }
}

/// <summary>Body of Start Thread from Message.</summary>
public sealed record ThreadCreate
{
    /// <summary>Thread name, 1–100 characters.</summary>
    public required string Name { get; init; }
    /// <summary>Minutes of inactivity before the thread is hidden: 60, 1440, 4320 or 10080.</summary>
    public int? AutoArchiveDuration { get; init; }
}

/// <summary>Response of GET /gateway/bot.</summary>
public sealed record GatewayBotInfo
{
    /// <summary>The WebSocket URL to connect to.</summary>
    public required string Url { get; init; }
    /// <summary>Recommended shard count.</summary>
    public int Shards { get; init; } = 1;
    /// <summary>Identify budget.</summary>
    public required SessionStartLimit SessionStartLimit { get; init; }
}

/// <summary>How many sessions may still be started.</summary>
public sealed record SessionStartLimit
{
    /// <summary>Total allowed per window.</summary>
    public int Total { get; init; }
    /// <summary>Remaining in this window.</summary>
    public int Remaining { get; init; }
    /// <summary>Milliseconds until the window resets.</summary>
    public long ResetAfter { get; init; }
    /// <summary>Identify requests allowed per 5 seconds.</summary>
    public int MaxConcurrency { get; init; } = 1;
}

/// <summary>The error body Discord returns with a non-success status.</summary>
public sealed record DiscordErrorBody
{
    /// <summary>JSON error code (e.g. 10062 unknown interaction).</summary>
    public int Code { get; init; }
    /// <summary>Human-readable message.</summary>
    public string Message { get; init; } = "";
    /// <summary>Per-field error tree (50035).</summary>
    public System.Text.Json.JsonElement? Errors { get; init; }
}

/// <summary>The 429 body.</summary>
public sealed record RateLimitedBody
{
    /// <summary>Message.</summary>
    public string Message { get; init; } = "";
    /// <summary>Seconds to wait.</summary>
    public double RetryAfter { get; init; }
    /// <summary>Whether the global limit was hit.</summary>
    public bool Global { get; init; }
    /// <summary>Optional error code.</summary>
    public int? Code { get; init; }
}

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

    private static InteractionCallbackData FromMessage(MessagePayload m) => new()
    {
        Content = m.Content,
        Embeds = m.Embeds,
        Components = m.Components,
        AllowedMentions = m.AllowedMentions ?? AllowedMentions.None,
        Flags = m.Flags,
    };
}

/// <summary>An application command as registered (request) and returned (response).</summary>
public sealed record ApplicationCommand
{
    /// <summary>Id (response only).</summary>
    public ulong? Id { get; init; }
    /// <summary>1 CHAT_INPUT (default), 2 USER, 3 MESSAGE.</summary>
    public int? Type { get; init; }
    /// <summary>Application id (response only).</summary>
    public ulong? ApplicationId { get; init; }
    /// <summary>Guild id for guild commands (response only).</summary>
    public ulong? GuildId { get; init; }
    /// <summary>Name, 1–32, lowercase.</summary>
    public required string Name { get; init; }
    /// <summary>Description, 1–100.</summary>
    public required string Description { get; init; }
    /// <summary>Up to 25 options.</summary>
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }
    /// <summary>Permission bitfield a member needs by default, as a string ("0" = admins only).</summary>
    public string? DefaultMemberPermissions { get; init; }
    /// <summary>Where the command may be used: 0 guild, 1 bot DM, 2 private channel.</summary>
    public IReadOnlyList<int>? Contexts { get; init; }
    /// <summary>0 guild install, 1 user install.</summary>
    public IReadOnlyList<int>? IntegrationTypes { get; init; }
    /// <summary>Version (response only).</summary>
    public ulong? Version { get; init; }
}

/// <summary>An option of an application command.</summary>
public sealed record ApplicationCommandOption
{
    /// <summary>Option type.</summary>
    public required CommandOptionType Type { get; init; }
    /// <summary>Name, 1–32, lowercase.</summary>
    public required string Name { get; init; }
    /// <summary>Description, 1–100.</summary>
    public required string Description { get; init; }
    /// <summary>Required options come before optional ones.</summary>
    public bool? Required { get; init; }
    /// <summary>Up to 25 fixed choices (not together with autocomplete).</summary>
    public IReadOnlyList<CommandChoice>? Choices { get; init; }
    /// <summary>Sub-command options.</summary>
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }
    /// <summary>Channel types allowed for a CHANNEL option.</summary>
    public IReadOnlyList<int>? ChannelTypes { get; init; }
    /// <summary>Minimum string length.</summary>
    public int? MinLength { get; init; }
    /// <summary>Maximum string length.</summary>
    public int? MaxLength { get; init; }
    /// <summary>Whether the option is autocompleted.</summary>
    public bool? Autocomplete { get; init; }
}

/// <summary>A choice of a STRING option or an autocomplete suggestion.</summary>
public sealed record CommandChoice(string Name, string Value);
