using MlePrep.Discord.Interactions;

namespace MlePrep.Discord.Gateway;

/// <summary>The READY event's fields the bot uses.</summary>
public sealed record ReadyEvent
{
    /// <summary>Gateway version.</summary>
    public int V { get; init; }
    /// <summary>The bot user.</summary>
    public required User User { get; init; }
    /// <summary>Guilds the bot is in (unavailable until GUILD_CREATE).</summary>
    public IReadOnlyList<UnavailableGuild> Guilds { get; init; } = [];
    /// <summary>Session id for Resume.</summary>
    public required string SessionId { get; init; }
    /// <summary>URL to resume on.</summary>
    public required string ResumeGatewayUrl { get; init; }
    /// <summary>The application (id and flags).</summary>
    public required PartialApplication Application { get; init; }
    /// <summary>[shard id, shard count] when the session identified as a shard.</summary>
    public IReadOnlyList<int>? Shard { get; init; }
}

/// <summary>An id-only guild.</summary>
public sealed record UnavailableGuild
{
    /// <summary>Guild id.</summary>
    public required ulong Id { get; init; }
    /// <summary>True while the guild is unavailable (or, in GUILD_DELETE, absent when the bot was removed).</summary>
    public bool? Unavailable { get; init; }
}

/// <summary>The application in READY.</summary>
public sealed record PartialApplication
{
    /// <summary>Application id.</summary>
    public required ulong Id { get; init; }
    /// <summary>Application flags.</summary>
    public long? Flags { get; init; }
}

/// <summary>A channel as sent in CHANNEL_DELETE.</summary>
public sealed record ChannelDeleteEvent
{
    /// <summary>Channel id.</summary>
    public required ulong Id { get; init; }
    /// <summary>Guild id.</summary>
    public ulong? GuildId { get; init; }
    /// <summary>Channel type.</summary>
    public int Type { get; init; }
}
