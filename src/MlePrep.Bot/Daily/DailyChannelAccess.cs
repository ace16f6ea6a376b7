using System.Net;
using MlePrep.Bot.Interactions;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Daily;

/// <summary>
/// Before <c>/daily set</c> saves anything: is the channel one of this server, and may the bot post there? For the
/// invoking channel Discord says so in <c>app_permissions</c>; for another channel the bot computes its permissions
/// from the server's roles, its own roles and the channel's overwrites.
/// </summary>
public sealed class DailyChannelAccess(IDiscordRestClient rest)
{
    private static readonly (ulong Bit, string Name)[] Names =
    [
        (DiscordPermissions.ViewChannel, "View Channel"),
        (DiscordPermissions.SendMessages, "Send Messages"),
        (DiscordPermissions.EmbedLinks, "Embed Links"),
        (DiscordPermissions.ReadMessageHistory, "Read Message History"),
        (DiscordPermissions.CreatePublicThreads, "Create Public Threads"),
        (DiscordPermissions.MentionEveryone, "Mention @everyone, @here, and All Roles"),
    ];

    /// <summary>
    /// What a schedule needs: to see, post and embed; to read recent messages (so a post that landed during an outage
    /// is found instead of posted twice); to open threads when asked; and Mention Everyone to ping @everyone or a
    /// role its members may not mention.
    /// </summary>
    public static ulong Required(bool thread, bool mentionEveryone) =>
        DiscordPermissions.ViewChannel | DiscordPermissions.SendMessages | DiscordPermissions.EmbedLinks | DiscordPermissions.ReadMessageHistory
        | (thread ? DiscordPermissions.CreatePublicThreads : 0) | (mentionEveryone ? DiscordPermissions.MentionEveryone : 0);

    /// <summary>Null when the bot may post in the channel; otherwise what is wrong, to tell the admin.</summary>
    public async Task<string?> CheckAsync(InteractionContext context, ulong channelId, ulong required, CancellationToken ct)
    {
        ulong granted;
        if (channelId == context.ChannelId && context.Interaction.AppPermissions is { } app)
        {
            granted = app;
        }
        else
        {
            try
            {
                var channel = await rest.GetChannelAsync(channelId, ct);
                if (channel.GuildId != context.GuildId)
                {
                    return $"<#{channelId}> is not a channel of this server.";
                }
                var me = await rest.GetCurrentUserAsync(ct);
                var guild = await rest.GetGuildAsync(channel.GuildId!.Value, ct);
                var member = await rest.GetGuildMemberAsync(guild.Id, me.Id, ct);
                granted = ChannelPermissions.Compute(guild, me.Id, member.Roles.ToHashSet(), channel);
            }
            catch (DiscordApiException e) when (e.Code == DiscordErrorCodes.MissingAccess)
            {
                granted = 0; // Discord hides the channel itself from a bot without View Channel
            }
            catch (DiscordApiException e) when (e.Status == HttpStatusCode.NotFound)
            {
                return $"<#{channelId}> is not a channel of this server.";
            }
            catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
            {
                return "I could not check my permissions in that channel (Discord did not answer). Nothing was saved; try again in a minute.";
            }
        }
        if ((granted & DiscordPermissions.Administrator) != 0 || (required & ~granted) == 0)
        {
            return null;
        }
        var missing = Names.Where(n => (required & n.Bit) != 0 && (granted & n.Bit) == 0).Select(n => $"**{n.Name}**");
        return $"I can't post in <#{channelId}>: I'm missing {string.Join(", ", missing)} there. " +
               "Grant them to my role or in the channel's permissions, then run `/daily set` again. Nothing was saved.";
    }
}
