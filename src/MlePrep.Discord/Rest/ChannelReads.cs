using System.Text.Json;
using System.Text.Json.Serialization;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Serialization;

namespace MlePrep.Discord.Rest;

/// <summary>
/// A message as listed by GET /channels/{id}/messages: only what is needed to recognise one's own earlier post. The
/// nonce may be an integer or a string on the wire (and is often absent from listed messages).
/// </summary>
public sealed record ListedMessage
{
    /// <summary>Message id.</summary>
    public required ulong Id { get; init; }
    /// <summary>Author (a bot's own posts carry its user id).</summary>
    public User? Author { get; init; }
    /// <summary>The nonce as sent, if Discord returns it.</summary>
    public JsonElement? Nonce { get; init; }
    /// <summary>Top-level components (action rows).</summary>
    public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>The nonce as text, whichever JSON type it came as.</summary>
    [JsonIgnore]
    public string? NonceText => Nonce switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    /// <summary>Whether any component, at any depth, has this custom id.</summary>
    public bool HasCustomId(string customId) => Contains(Components, customId);

    private static bool Contains(IReadOnlyList<Component>? components, string customId) =>
        components?.Any(c => c.CustomId == customId || Contains(c.Components, customId) || (c.Child is { } child && Contains([child], customId))) == true;
}

/// <summary>A guild as GET /guilds/{id} returns it: its owner and roles, what a permission computation needs.</summary>
public sealed record GuildInfo
{
    /// <summary>Guild id (also the id of its @everyone role).</summary>
    public required ulong Id { get; init; }
    /// <summary>The owner has every permission.</summary>
    public ulong OwnerId { get; init; }
    /// <summary>Every role with its permissions.</summary>
    public IReadOnlyList<GuildRole> Roles { get; init; } = [];
}

/// <summary>A role and its guild-wide permissions.</summary>
public sealed record GuildRole
{
    /// <summary>Role id.</summary>
    public required ulong Id { get; init; }
    /// <summary>Name.</summary>
    public string Name { get; init; } = "";
    /// <summary>Permission bitfield (a string on the wire).</summary>
    public ulong Permissions { get; init; }
    /// <summary>Anyone may mention it.</summary>
    public bool Mentionable { get; init; }
}

/// <summary>A guild channel as GET /channels/{id} returns it: its guild and permission overwrites.</summary>
public sealed record ChannelInfo
{
    /// <summary>Channel id.</summary>
    public required ulong Id { get; init; }
    /// <summary>Channel type.</summary>
    public int Type { get; init; }
    /// <summary>Guild, for guild channels.</summary>
    public ulong? GuildId { get; init; }
    /// <summary>Per-role and per-member overwrites.</summary>
    public IReadOnlyList<PermissionOverwrite> PermissionOverwrites { get; init; } = [];
}

/// <summary>A channel permission overwrite: type 0 for a role, 1 for a member.</summary>
public sealed record PermissionOverwrite
{
    /// <summary>Role or user id.</summary>
    public required ulong Id { get; init; }
    /// <summary>0 role, 1 member.</summary>
    public int Type { get; init; }
    /// <summary>Permissions allowed.</summary>
    public ulong Allow { get; init; }
    /// <summary>Permissions denied.</summary>
    public ulong Deny { get; init; }
}

/// <summary>Source-generated JSON for the read calls (same conventions as <see cref="DiscordJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SnowflakeConverter)])]
[JsonSerializable(typeof(ListedMessage[]))]
[JsonSerializable(typeof(GuildInfo))]
[JsonSerializable(typeof(ChannelInfo))]
[JsonSerializable(typeof(GuildMember))]
[JsonSerializable(typeof(User))]
internal sealed partial class ReadsJsonContext : JsonSerializerContext;
