namespace MlePrep.Discord.Emulator.Browser;

/// <summary>The server a browser page shows: one guild with its text channels, the members a person can act as, and roles to mention.</summary>
public sealed record BrowserWorld(ulong GuildId, string GuildName, IReadOnlyList<BrowserChannel> Channels, IReadOnlyList<BrowserMember> Members,
    IReadOnlyList<BrowserRole> Roles);

/// <summary>A text channel of the guild (created in the emulator with <c>AddChannel</c>).</summary>
public sealed record BrowserChannel(ulong Id, string Name, string Topic);

/// <summary>A member the page can act as; <paramref name="Permissions"/> is what interactions carry in <c>member.permissions</c>.</summary>
public sealed record BrowserMember(ulong Id, string Name, ulong Permissions);

/// <summary>A role, for <c>&lt;@&amp;id&gt;</c> mentions and role options; <paramref name="Color"/> is 0xRRGGBB.</summary>
public sealed record BrowserRole(ulong Id, string Name, int Color);
