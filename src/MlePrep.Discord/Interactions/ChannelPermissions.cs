using MlePrep.Discord.Rest;

namespace MlePrep.Discord.Interactions;

/// <summary>
/// A member's permissions in a guild channel, computed as Discord's permissions page documents: the owner has all;
/// otherwise @everyone's permissions OR the member's roles'; ADMINISTRATOR grants all; then the channel's
/// @everyone overwrite, the member's role overwrites (denies, then allows, of all its roles together), and the
/// member's own overwrite, each applied as "remove denied, add allowed".
/// </summary>
public static class ChannelPermissions
{
    /// <summary>Every permission bit.</summary>
    public const ulong All = ulong.MaxValue;

    public static ulong Compute(GuildInfo guild, ulong userId, IReadOnlyCollection<ulong> memberRoleIds, ChannelInfo channel)
    {
        if (guild.OwnerId == userId)
        {
            return All;
        }
        var roles = guild.Roles.ToDictionary(r => r.Id);
        var permissions = roles.TryGetValue(guild.Id, out var everyone) ? everyone.Permissions : 0;
        foreach (var roleId in memberRoleIds)
        {
            permissions |= roles.TryGetValue(roleId, out var role) ? role.Permissions : 0;
        }
        if ((permissions & DiscordPermissions.Administrator) != 0)
        {
            return All;
        }
        var overwrites = channel.PermissionOverwrites;
        if (overwrites.FirstOrDefault(o => o.Id == guild.Id) is { } everyoneOverwrite)
        {
            permissions = (permissions & ~everyoneOverwrite.Deny) | everyoneOverwrite.Allow;
        }
        var (allow, deny) = (0UL, 0UL);
        foreach (var overwrite in overwrites.Where(o => o.Type == 0 && o.Id != guild.Id && memberRoleIds.Contains(o.Id)))
        {
            allow |= overwrite.Allow;
            deny |= overwrite.Deny;
        }
        permissions = (permissions & ~deny) | allow;
        if (overwrites.FirstOrDefault(o => o.Type == 1 && o.Id == userId) is { } own)
        {
            permissions = (permissions & ~own.Deny) | own.Allow;
        }
        return permissions;
    }
}
