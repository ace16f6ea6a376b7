using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Browser;
using MlePrep.Discord.Interactions;

namespace MlePrep.Bot.Sandbox;

/// <summary>The study server the sandbox shows: two text channels, one admin and two members, and a role to ping.</summary>
public static class SandboxWorld
{
    // Viewing, sending and using commands: what @everyone has on a fresh server.
    private const ulong MemberPermissions = DiscordPermissions.ViewChannel | DiscordPermissions.SendMessages | (1UL << 31);

    public const ulong AdminId = 1_250_000_000_000_000_001;
    public const ulong MemberId = 1_250_000_000_000_000_002;
    public const ulong OtherMemberId = 1_250_000_000_000_000_003;
    public const ulong PingRoleId = 1_250_000_000_000_000_101;

    public static BrowserWorld Create(DiscordEmulator emulator)
    {
        var guild = emulator.Rest.AddGuild("ML Interview Prep");
        var practice = emulator.Rest.AddChannel(guild, ChannelTypes.GuildText, "interview-prep");
        var daily = emulator.Rest.AddChannel(guild, ChannelTypes.GuildText, "daily-question");
        // Known to the emulator too, so a ping_role pick is resolved as Discord resolves it.
        emulator.Rest.SetRole(guild, PingRoleId, permissions: 0, mentionable: true, name: "daily-pings");
        return new BrowserWorld(guild, "ML Interview Prep",
            [
                new BrowserChannel(practice, "interview-prep", "Practise any time: /question, then 💡 Hint and ✍️ Answer"),
                new BrowserChannel(daily, "daily-question", "As Ada, run /daily set here, then ⏩ Next daily post"),
            ],
            [
                new BrowserMember(AdminId, "Ada", MemberPermissions | DiscordPermissions.ManageGuild),
                new BrowserMember(MemberId, "Grace", MemberPermissions),
                new BrowserMember(OtherMemberId, "Linus", MemberPermissions),
            ],
            [new BrowserRole(PingRoleId, "daily-pings", 0x5865F2)]);
    }
}
