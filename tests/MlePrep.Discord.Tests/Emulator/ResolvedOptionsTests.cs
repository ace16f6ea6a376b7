using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;

namespace MlePrep.Discord.Tests.Emulator;

/// <summary>Like Discord, the emulator resolves CHANNEL and ROLE options of the invoking server, and nothing else.</summary>
public sealed class ResolvedOptionsTests
{
    [Fact]
    public async Task Channel_and_role_options_of_this_server_are_resolved_and_others_are_not()
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        var rest = emulator.Rest;
        var guild = rest.AddGuild();
        var here = rest.AddChannel(guild);
        var other = rest.AddChannel(guild, ChannelTypes.GuildAnnouncement, "news");
        var elsewhere = rest.AddChannel(rest.AddGuild("Another server"));
        rest.SetRole(guild, 500, permissions: 0, mentionable: true, name: "pings");
        var spec = EmulatorRest.WithEntityOptions(InteractionSpec.SlashCommand("daily", subcommand: "set").InGuild(guild, here, "3104"),
            channels: new Dictionary<string, ulong> { ["channel"] = other, ["other"] = elsewhere },
            roles: new Dictionary<string, ulong> { ["ping_role"] = 500, ["everyone"] = guild });

        var injected = await rest.InjectInteractionAsync(spec);

        var resolved = injected.Interaction.Data!.Resolved!;
        var channel = Assert.Single(resolved.Channels!).Value;
        Assert.Equal((other, ChannelTypes.GuildAnnouncement, "news", 3104UL), (channel.Id, channel.Type, channel.Name, channel.Permissions!.Value));
        Assert.True(resolved.Roles![((ulong)500).ToString(System.Globalization.CultureInfo.InvariantCulture)].Mentionable);
        Assert.Equal("@everyone", resolved.Roles[guild.ToString(System.Globalization.CultureInfo.InvariantCulture)].Name);
        Assert.Equal(EmulatorRest.DefaultEveryonePermissions, injected.Interaction.AppPermissions);
    }
}
