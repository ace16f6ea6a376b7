using System.Globalization;

namespace MlePrep.Discord.Rest;

/// <summary>The read calls: recent messages, the bot's own user, and what a permission computation needs.</summary>
internal sealed partial class DiscordRestClient
{
    public async Task<IReadOnlyList<ListedMessage>> ListMessagesAsync(ulong channelId, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 100);
        var channel = Id(channelId);
        var route = new RestRoute(HttpMethod.Get, "/channels/{channel_id}/messages", $"channels/{channel}/messages?limit={Id((ulong)limit)}", channel,
            RouteAuth.Bot, SafeToRetry: true);
        return (await SendAsync(route, null, ReadsJsonContext.Default.ListedMessageArray, ct))!;
    }

    public Task<Interactions.User> GetCurrentUserAsync(CancellationToken ct) =>
        SendAsync(new RestRoute(HttpMethod.Get, "/users/@me", "users/@me", "", RouteAuth.Bot, SafeToRetry: true), null, ReadsJsonContext.Default.User, ct)!;

    public Task<GuildInfo> GetGuildAsync(ulong guildId, CancellationToken ct) =>
        SendAsync(new RestRoute(HttpMethod.Get, "/guilds/{guild_id}", $"guilds/{Id(guildId)}", Id(guildId), RouteAuth.Bot, SafeToRetry: true),
            null, ReadsJsonContext.Default.GuildInfo, ct)!;

    public Task<ChannelInfo> GetChannelAsync(ulong channelId, CancellationToken ct) =>
        SendAsync(new RestRoute(HttpMethod.Get, "/channels/{channel_id}", $"channels/{Id(channelId)}", Id(channelId), RouteAuth.Bot, SafeToRetry: true),
            null, ReadsJsonContext.Default.ChannelInfo, ct)!;

    public Task<Interactions.GuildMember> GetGuildMemberAsync(ulong guildId, ulong userId, CancellationToken ct) =>
        SendAsync(new RestRoute(HttpMethod.Get, "/guilds/{guild_id}/members/{user_id}", $"guilds/{Id(guildId)}/members/{Id(userId)}", Id(guildId),
            RouteAuth.Bot, SafeToRetry: true), null, ReadsJsonContext.Default.GuildMember, ct)!;

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);
}
