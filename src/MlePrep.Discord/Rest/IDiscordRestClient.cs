using MlePrep.Discord.Interactions;

namespace MlePrep.Discord.Rest;

/// <summary>
/// The HTTP API calls the bot makes. Implementations honour Discord's rate limits, send
/// <see cref="AllowedMentions.None"/> when a payload names no mentions, and throw
/// <see cref="DiscordApiException"/> for Discord's error responses.
/// </summary>
public interface IDiscordRestClient
{
    /// <summary>GET /gateway/bot.</summary>
    Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken ct);

    /// <summary>POST /interactions/{id}/{token}/callback: the initial response, due within 3 s. Not bound by the global limit.</summary>
    Task RespondAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken ct);

    /// <summary>GET /webhooks/{application}/{token}/messages/@original.</summary>
    Task<Message> GetOriginalResponseAsync(ulong applicationId, string interactionToken, CancellationToken ct);

    /// <summary>PATCH /webhooks/{application}/{token}/messages/@original (after a defer, or to change a reply).</summary>
    Task<Message> EditOriginalResponseAsync(ulong applicationId, string interactionToken, MessagePayload message, CancellationToken ct);

    /// <summary>DELETE /webhooks/{application}/{token}/messages/@original.</summary>
    Task DeleteOriginalResponseAsync(ulong applicationId, string interactionToken, CancellationToken ct);

    /// <summary>POST /webhooks/{application}/{token}: a follow-up message.</summary>
    Task<Message> CreateFollowupAsync(ulong applicationId, string interactionToken, MessagePayload message, CancellationToken ct);

    /// <summary>PUT /applications/{application}/commands: replace every global command.</summary>
    Task<IReadOnlyList<ApplicationCommand>> OverwriteGlobalCommandsAsync(ulong applicationId, IReadOnlyList<ApplicationCommand> commands, CancellationToken ct);

    /// <summary>GET /applications/{application}/guilds/{guild}/commands: the commands registered to one guild.</summary>
    Task<IReadOnlyList<ApplicationCommand>> GetGuildCommandsAsync(ulong applicationId, ulong guildId, CancellationToken ct);

    /// <summary>PUT /applications/{application}/guilds/{guild}/commands: replace every command of one guild.</summary>
    Task<IReadOnlyList<ApplicationCommand>> OverwriteGuildCommandsAsync(ulong applicationId, ulong guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken ct);

    /// <summary>POST /channels/{channel}/messages. Retried on 5xx/timeouts only when the payload carries a nonce with enforce_nonce.</summary>
    Task<Message> CreateMessageAsync(ulong channelId, MessagePayload message, CancellationToken ct);

    /// <summary>PATCH /channels/{channel}/messages/{message}.</summary>
    Task<Message> EditMessageAsync(ulong channelId, ulong messageId, MessagePayload message, CancellationToken ct);

    /// <summary>DELETE /channels/{channel}/messages/{message}: deletes one of the bot's messages.</summary>
    Task DeleteMessageAsync(ulong channelId, ulong messageId, CancellationToken ct);

    /// <summary>POST /channels/{channel}/messages/{message}/threads: a public thread on a message.</summary>
    Task<PartialChannel> StartThreadFromMessageAsync(ulong channelId, ulong messageId, ThreadCreate thread, CancellationToken ct);

    /// <summary>
    /// POST /channels/{channel}/threads: a thread with no starter message (a private one with <see cref="ThreadCreate.Type"/> 12,
    /// which needs Create Private Threads).
    /// </summary>
    Task<PartialChannel> StartThreadWithoutMessageAsync(ulong channelId, ThreadCreate thread, CancellationToken ct);

    /// <summary>PUT /channels/{thread}/thread-members/{user}: adds a member to a thread (the bot must be in it to add to a private one).</summary>
    Task AddThreadMemberAsync(ulong threadId, ulong userId, CancellationToken ct);

    /// <summary>GET /channels/{channel}/messages?limit=N: the latest messages, newest first (needs Read Message History).</summary>
    Task<IReadOnlyList<ListedMessage>> ListMessagesAsync(ulong channelId, int limit, CancellationToken ct);

    /// <summary>GET /users/@me: the bot's own user.</summary>
    Task<User> GetCurrentUserAsync(CancellationToken ct);

    /// <summary>GET /guilds/{guild}: its owner and roles.</summary>
    Task<GuildInfo> GetGuildAsync(ulong guildId, CancellationToken ct);

    /// <summary>GET /channels/{channel}: its guild and permission overwrites.</summary>
    Task<ChannelInfo> GetChannelAsync(ulong channelId, CancellationToken ct);

    /// <summary>GET /guilds/{guild}/members/{user}: a member's roles.</summary>
    Task<GuildMember> GetGuildMemberAsync(ulong guildId, ulong userId, CancellationToken ct);
}
