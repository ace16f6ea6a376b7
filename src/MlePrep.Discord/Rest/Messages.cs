using MlePrep.Discord.Interactions;

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
    /// <summary>Create Message only: makes the message a reply to another one.</summary>
    public MessageReference? MessageReference { get; init; }
    /// <summary>Files to upload with the message; the request then goes as multipart/form-data.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<FileUpload>? Files { get; init; }
}

/// <summary>
/// A reply's reference (SPEC <c>MessageReferenceRequest</c>): the message replied to. With <see cref="FailIfNotExists"/> false,
/// Discord sends the message as a plain one if that message is gone.
/// </summary>
public sealed record MessageReference(ulong MessageId, bool? FailIfNotExists = null);

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
    /// <summary>Attached files.</summary>
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];
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
    /// <summary>Start Thread without Message only: 11 public (the default) or 12 private thread.</summary>
    public int? Type { get; init; }
    /// <summary>Private threads only: whether members who are not moderators may add others.</summary>
    public bool? Invitable { get; init; }
}
