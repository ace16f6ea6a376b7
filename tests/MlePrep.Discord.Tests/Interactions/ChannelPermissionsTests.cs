using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Discord.Tests.Interactions;

/// <summary>Discord's documented permission algorithm, case by case.</summary>
public sealed class ChannelPermissionsTests
{
    private const ulong Guild = 100, Bot = 7, RoleA = 201, RoleB = 202;
    private const ulong View = DiscordPermissions.ViewChannel, Send = DiscordPermissions.SendMessages, Embed = DiscordPermissions.EmbedLinks;

    private static GuildInfo GuildWith(ulong everyone, ulong roleA = 0, ulong roleB = 0, ulong owner = 1) => new()
    {
        Id = Guild, OwnerId = owner,
        Roles = [new GuildRole { Id = Guild, Permissions = everyone }, new GuildRole { Id = RoleA, Permissions = roleA }, new GuildRole { Id = RoleB, Permissions = roleB }],
    };

    private static ChannelInfo ChannelWith(params PermissionOverwrite[] overwrites) => new() { Id = 300, GuildId = Guild, PermissionOverwrites = overwrites };

    private static PermissionOverwrite Over(ulong id, int type, ulong allow = 0, ulong deny = 0) => new() { Id = id, Type = type, Allow = allow, Deny = deny };

    [Fact]
    public void Base_permissions_are_everyone_or_the_members_roles()
    {
        Assert.Equal(View | Send | Embed, ChannelPermissions.Compute(GuildWith(View, roleA: Send, roleB: Embed), Bot, [RoleA, RoleB], ChannelWith()));
        Assert.Equal(View, ChannelPermissions.Compute(GuildWith(View, roleA: Send), Bot, [], ChannelWith()));
    }

    [Fact]
    public void Administrator_and_ownership_grant_everything_whatever_the_overwrites()
    {
        var denyAll = ChannelWith(Over(Guild, 0, deny: ulong.MaxValue), Over(Bot, 1, deny: ulong.MaxValue));

        Assert.Equal(ChannelPermissions.All, ChannelPermissions.Compute(GuildWith(View, roleA: DiscordPermissions.Administrator), Bot, [RoleA], denyAll));
        Assert.Equal(ChannelPermissions.All, ChannelPermissions.Compute(GuildWith(0, owner: Bot), Bot, [], denyAll));
    }

    [Fact]
    public void Overwrites_apply_everyone_then_roles_together_then_the_member()
    {
        // @everyone denies Send; role A allows it and role B denies it: allows win over denies among roles.
        var channel = ChannelWith(Over(Guild, 0, deny: Send | Embed), Over(RoleA, 0, allow: Send), Over(RoleB, 0, deny: Send));
        Assert.Equal(View | Send, ChannelPermissions.Compute(GuildWith(View | Send | Embed), Bot, [RoleA, RoleB], channel));

        // The member's own overwrite comes last.
        var own = ChannelWith(Over(RoleA, 0, allow: Send), Over(Bot, 1, deny: Send, allow: Embed));
        Assert.Equal(View | Embed, ChannelPermissions.Compute(GuildWith(View), Bot, [RoleA], own));
    }

    [Fact]
    public void Overwrites_of_roles_the_member_lacks_or_of_other_members_do_not_apply()
    {
        var channel = ChannelWith(Over(RoleB, 0, deny: View), Over(Bot + 1, 1, deny: View));

        Assert.Equal(View, ChannelPermissions.Compute(GuildWith(View), Bot, [RoleA], channel));
    }
}
