using MlePrep.Discord.Rest;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlePrep.Discord.Interactions;

/// <summary>Interaction types (INTERACTION_CREATE <c>type</c>).</summary>
public enum InteractionType
{
    /// <summary>PING (HTTP endpoint only).</summary>
    Ping = 1,
    /// <summary>A slash, user or message command.</summary>
    ApplicationCommand = 2,
    /// <summary>A button or select on a message.</summary>
    MessageComponent = 3,
    /// <summary>A member is typing into an autocomplete option.</summary>
    ApplicationCommandAutocomplete = 4,
    /// <summary>A modal was submitted.</summary>
    ModalSubmit = 5,
}

/// <summary>An interaction as Discord sends it in INTERACTION_CREATE.</summary>
public sealed record Interaction
{
    /// <summary>Interaction id (a snowflake: its timestamp is when Discord created it).</summary>
    public required ulong Id { get; init; }
    /// <summary>The application the interaction is for.</summary>
    public required ulong ApplicationId { get; init; }
    /// <summary>The kind of interaction.</summary>
    public required InteractionType Type { get; init; }
    /// <summary>Present for every type but PING.</summary>
    public InteractionData? Data { get; init; }
    /// <summary>The guild it was invoked in, absent in DMs.</summary>
    public ulong? GuildId { get; init; }
    /// <summary>The channel it was invoked in.</summary>
    public ulong? ChannelId { get; init; }
    /// <summary>Partial channel it was invoked in.</summary>
    public PartialChannel? Channel { get; init; }
    /// <summary>The invoking member, sent in guilds.</summary>
    public GuildMember? Member { get; init; }
    /// <summary>The invoking user, sent in DMs.</summary>
    public User? User { get; init; }
    /// <summary>Continuation token for responses (valid 15 minutes; the first response is due within 3 s).</summary>
    public required string Token { get; init; }
    /// <summary>Always 1.</summary>
    public int Version { get; init; } = 1;
    /// <summary>For components: the message the component is on.</summary>
    public Message? Message { get; init; }
    /// <summary>The app's permissions where the interaction happened.</summary>
    public ulong? AppPermissions { get; init; }
    /// <summary>The invoking user's locale.</summary>
    public string? Locale { get; init; }
    /// <summary>The guild's preferred locale.</summary>
    public string? GuildLocale { get; init; }
    /// <summary>0 guild, 1 bot DM, 2 private channel.</summary>
    public int? Context { get; init; }

    /// <summary>Who invoked it: <c>member.user</c> in guilds, <c>user</c> in DMs.</summary>
    [JsonIgnore]
    public User Invoker => Member?.User ?? User ?? throw new InvalidOperationException("The interaction names neither a member nor a user.");

    /// <summary>
    /// When this process received it (a <see cref="System.Diagnostics.Stopwatch"/> timestamp; 0 if unknown): the time it
    /// then waited for a free handler counts against Discord's 3 s, and unlike the snowflake it needs no clock sync.
    /// </summary>
    [JsonIgnore]
    public long ReceivedAt { get; init; }

    /// <summary>When Discord created the interaction (from the snowflake).</summary>
    [JsonIgnore]
    public DateTimeOffset CreatedAt => Snowflake.ToTimestamp(Id);
}

/// <summary>A partial channel as sent inside interactions and resolved data.</summary>
public sealed record PartialChannel
{
    /// <summary>Channel id.</summary>
    public required ulong Id { get; init; }
    /// <summary>Channel type (0 text, 2 voice, 5 announcement, 11 public thread, …).</summary>
    public int Type { get; init; }
    /// <summary>Channel name.</summary>
    public string? Name { get; init; }
    /// <summary>Parent category or, for a thread, the channel it is in.</summary>
    public ulong? ParentId { get; init; }
    /// <summary>The member's permissions in the channel (resolved channel options).</summary>
    public ulong? Permissions { get; init; }
    /// <summary>The guild it belongs to.</summary>
    public ulong? GuildId { get; init; }
}

/// <summary>Channel types the bot cares about.</summary>
public static class ChannelTypes
{
    /// <summary>GUILD_TEXT.</summary>
    public const int GuildText = 0;
    /// <summary>DM.</summary>
    public const int DirectMessage = 1;
    /// <summary>GUILD_VOICE.</summary>
    public const int GuildVoice = 2;
    /// <summary>GUILD_ANNOUNCEMENT.</summary>
    public const int GuildAnnouncement = 5;
    /// <summary>PUBLIC_THREAD.</summary>
    public const int PublicThread = 11;
    /// <summary>PRIVATE_THREAD: seen only by its members and moderators.</summary>
    public const int PrivateThread = 12;
}

/// <summary>A Discord user.</summary>
public sealed record User
{
    /// <summary>User id.</summary>
    public required ulong Id { get; init; }
    /// <summary>Unique username.</summary>
    public required string Username { get; init; }
    /// <summary>"0" for users on the new username system.</summary>
    public string Discriminator { get; init; } = "0";
    /// <summary>Display name, if set.</summary>
    public string? GlobalName { get; init; }
    /// <summary>Avatar hash.</summary>
    public string? Avatar { get; init; }
    /// <summary>Whether the user is a bot.</summary>
    public bool? Bot { get; init; }

    /// <summary>The name to show: the display name, else the username.</summary>
    [JsonIgnore]
    public string DisplayName => GlobalName ?? Username;
}

/// <summary>A guild member as sent with an interaction.</summary>
public sealed record GuildMember
{
    /// <summary>The user (absent in resolved members).</summary>
    public User? User { get; init; }
    /// <summary>Guild nickname.</summary>
    public string? Nick { get; init; }
    /// <summary>Role ids.</summary>
    public IReadOnlyList<ulong> Roles { get; init; } = [];
    /// <summary>When the member joined.</summary>
    public DateTimeOffset? JoinedAt { get; init; }
    /// <summary>Total permissions of the member in the channel, overwrites included (a big-integer string on the wire).</summary>
    public ulong? Permissions { get; init; }

    /// <summary>Whether the member holds <paramref name="permission"/> (ADMINISTRATOR implies every permission).</summary>
    public bool Has(ulong permission) =>
        Permissions is { } p && ((p & DiscordPermissions.Administrator) != 0 || (p & permission) == permission);
}

/// <summary>Permission bits (Discord's permissions page).</summary>
public static class DiscordPermissions
{
    /// <summary>ADMINISTRATOR.</summary>
    public const ulong Administrator = 1UL << 3;
    /// <summary>MANAGE_GUILD ("Manage Server").</summary>
    public const ulong ManageGuild = 1UL << 5;
    /// <summary>VIEW_CHANNEL.</summary>
    public const ulong ViewChannel = 1UL << 10;
    /// <summary>SEND_MESSAGES.</summary>
    public const ulong SendMessages = 1UL << 11;
    /// <summary>EMBED_LINKS.</summary>
    public const ulong EmbedLinks = 1UL << 14;
    /// <summary>READ_MESSAGE_HISTORY (without it, listing a channel's messages returns none).</summary>
    public const ulong ReadMessageHistory = 1UL << 16;
    /// <summary>MENTION_EVERYONE (also needed to ping roles that are not mentionable).</summary>
    public const ulong MentionEveryone = 1UL << 17;
    /// <summary>CREATE_PUBLIC_THREADS.</summary>
    public const ulong CreatePublicThreads = 1UL << 35;
    /// <summary>SEND_MESSAGES_IN_THREADS.</summary>
    public const ulong SendMessagesInThreads = 1UL << 38;
    /// <summary>CREATE_PRIVATE_THREADS.</summary>
    public const ulong CreatePrivateThreads = 1UL << 36;
}

/// <summary>The <c>data</c> of an interaction. Which fields are set depends on the interaction type.</summary>
public sealed record InteractionData
{
    /// <summary>Command id (commands, autocomplete).</summary>
    public ulong? Id { get; init; }
    /// <summary>Command name (commands, autocomplete).</summary>
    public string? Name { get; init; }
    /// <summary>Command type: 1 CHAT_INPUT, 2 USER, 3 MESSAGE.</summary>
    public int? Type { get; init; }
    /// <summary>Options, with sub-commands nested.</summary>
    public IReadOnlyList<CommandOptionValue>? Options { get; init; }
    /// <summary>Users, members, roles and channels the options refer to.</summary>
    public ResolvedData? Resolved { get; init; }
    /// <summary>Guild the command is registered in.</summary>
    public ulong? GuildId { get; init; }
    /// <summary>Target of a user or message command.</summary>
    public ulong? TargetId { get; init; }
    /// <summary>Component or modal custom id.</summary>
    public string? CustomId { get; init; }
    /// <summary>Component type of the clicked component.</summary>
    public int? ComponentType { get; init; }
    /// <summary>Selected values (selects).</summary>
    public IReadOnlyList<string>? Values { get; init; }
    /// <summary>Submitted modal components, in either shape Discord sends.</summary>
    public IReadOnlyList<SubmittedComponent>? Components { get; init; }
}

/// <summary>Resolved objects referenced by options.</summary>
public sealed record ResolvedData
{
    /// <summary>Users by id.</summary>
    public IReadOnlyDictionary<string, User>? Users { get; init; }
    /// <summary>Partial members by id.</summary>
    public IReadOnlyDictionary<string, GuildMember>? Members { get; init; }
    /// <summary>Roles by id.</summary>
    public IReadOnlyDictionary<string, Role>? Roles { get; init; }
    /// <summary>Partial channels by id.</summary>
    public IReadOnlyDictionary<string, PartialChannel>? Channels { get; init; }
}

/// <summary>A role.</summary>
public sealed record Role
{
    /// <summary>Role id.</summary>
    public required ulong Id { get; init; }
    /// <summary>Role name.</summary>
    public string Name { get; init; } = "";
    /// <summary>Whether anyone may mention it.</summary>
    public bool Mentionable { get; init; }
}

/// <summary>Application command option types.</summary>
public enum CommandOptionType
{
    /// <summary>SUB_COMMAND.</summary>
    SubCommand = 1,
    /// <summary>SUB_COMMAND_GROUP.</summary>
    SubCommandGroup = 2,
    /// <summary>STRING.</summary>
    String = 3,
    /// <summary>INTEGER.</summary>
    Integer = 4,
    /// <summary>BOOLEAN.</summary>
    Boolean = 5,
    /// <summary>USER.</summary>
    User = 6,
    /// <summary>CHANNEL.</summary>
    Channel = 7,
    /// <summary>ROLE.</summary>
    Role = 8,
    /// <summary>MENTIONABLE.</summary>
    Mentionable = 9,
    /// <summary>NUMBER.</summary>
    Number = 10,
    /// <summary>ATTACHMENT.</summary>
    Attachment = 11,
}

/// <summary>An option value in a command or autocomplete interaction.</summary>
public sealed record CommandOptionValue
{
    /// <summary>Option name.</summary>
    public required string Name { get; init; }
    /// <summary>Option type.</summary>
    public required CommandOptionType Type { get; init; }
    /// <summary>The value: a string, number or boolean (ids arrive as strings).</summary>
    public JsonElement? Value { get; init; }
    /// <summary>Nested options of a sub-command or group.</summary>
    public IReadOnlyList<CommandOptionValue>? Options { get; init; }
    /// <summary>True for the option being typed into (autocomplete).</summary>
    public bool? Focused { get; init; }

    /// <summary>The value as text (strings as they are, numbers and booleans in invariant form).</summary>
    [JsonIgnore]
    public string? Text => Value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Null } => null,
        { } v => v.GetRawText(),
    };
}

/// <summary>A component inside a modal submit: an Action Row or a Label wrapping an input, or the input itself.</summary>
public sealed record SubmittedComponent
{
    /// <summary>Component type (1 action row, 4 text input, 10 text display, 18 label, …).</summary>
    public required int Type { get; init; }
    /// <summary>Numeric component id (components v2).</summary>
    public int? Id { get; init; }
    /// <summary>Custom id of an input.</summary>
    public string? CustomId { get; init; }
    /// <summary>Text input value.</summary>
    public string? Value { get; init; }
    /// <summary>Select values.</summary>
    public IReadOnlyList<string>? Values { get; init; }
    /// <summary>Children of an action row (legacy shape).</summary>
    public IReadOnlyList<SubmittedComponent>? Components { get; init; }
    /// <summary>The child of a Label (current shape).</summary>
    public SubmittedComponent? Component { get; init; }
}
