using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Discord.Tests.Rest;

/// <summary>The read calls against the emulator: recent messages, the bot's user, and the inputs of a permission computation.</summary>
public sealed class ReadCallsTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Recent_messages_come_newest_first_without_nonces_and_within_the_limit()
    {
        await using var h = await RestHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = $"m{i}", Nonce = $"n{i}", EnforceNonce = true }, Ct);
        }

        var listed = await h.Client.ListMessagesAsync(h.ChannelId, 2, Ct);
        var me = await h.Client.GetCurrentUserAsync(Ct);

        Assert.Equal(2, listed.Count);
        Assert.True(listed[0].Id > listed[1].Id);
        Assert.All(listed, m => Assert.Null(m.NonceText)); // a client must not rely on Discord listing nonces
        Assert.All(listed, m => Assert.Equal(me.Id, m.Author!.Id));
        Assert.Equal("GET /channels/{channel_id}/messages", h.Emulator.Rest.Requests[^2].Route);
        Assert.EndsWith("?limit=2", h.Emulator.Rest.Requests[^2].Path);
    }

    [Fact]
    public async Task A_limit_outside_one_to_a_hundred_is_refused_by_discord_and_never_sent()
    {
        await using var h = await RestHarness.StartAsync();
        await using var raw = await Emulator.EmulatorHttp.StartAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Client.ListMessagesAsync(h.ChannelId, 101, Ct));
        var answer = await raw.SendAsync("GET", $"/channels/{raw.ChannelId}/messages?limit=0");

        Assert.Equal(400, answer.Status);
        Assert.Equal(50035, (int)answer.Body!["code"]!);
    }

    [Fact]
    public async Task Roles_overwrites_and_the_bots_member_give_its_permissions_in_a_channel()
    {
        await using var h = await RestHarness.StartAsync();
        const ulong role = 1_200_000_000_000_000_500;
        h.Emulator.Rest.SetRole(h.GuildId, role, DiscordPermissions.MentionEveryone, mentionable: true, name: "bots");
        h.Emulator.Rest.GiveBotRole(h.GuildId, role);
        h.Emulator.Rest.SetOverwrite(h.ChannelId, h.GuildId, type: 0, allow: 0, deny: DiscordPermissions.SendMessages);

        var me = await h.Client.GetCurrentUserAsync(Ct);
        var guild = await h.Client.GetGuildAsync(h.GuildId, Ct);
        var channel = await h.Client.GetChannelAsync(h.ChannelId, Ct);
        var member = await h.Client.GetGuildMemberAsync(h.GuildId, me.Id, Ct);
        var permissions = ChannelPermissions.Compute(guild, me.Id, member.Roles.ToHashSet(), channel);

        Assert.Equal(EmulatorRest.GuildOwnerId, guild.OwnerId);
        Assert.Equal([h.GuildId, role], guild.Roles.Select(r => r.Id));
        Assert.Equal(h.GuildId, channel.GuildId);
        Assert.Equal([role], member.Roles);
        Assert.Equal(0UL, permissions & DiscordPermissions.SendMessages);
        Assert.NotEqual(0UL, permissions & DiscordPermissions.MentionEveryone);
        Assert.NotEqual(0UL, permissions & DiscordPermissions.ViewChannel);
    }

    [Fact]
    public async Task A_channel_the_bot_cannot_see_answers_missing_access()
    {
        await using var h = await RestHarness.StartAsync();
        h.Emulator.Rest.SetChannelAccess(h.ChannelId, ChannelAccess.MissingAccess);

        var e = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.GetChannelAsync(h.ChannelId, Ct));

        Assert.Equal(DiscordErrorCodes.MissingAccess, e.Code);
    }
}
