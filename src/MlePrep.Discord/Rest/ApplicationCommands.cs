using MlePrep.Discord.Interactions;

namespace MlePrep.Discord.Rest;

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
