using System.Globalization;

namespace MlePrep.Discord.Rest;

/// <summary>Who authenticates a route: the bot token, or the interaction token in its path.</summary>
internal enum RouteAuth
{
    Bot,
    InteractionToken,
}

/// <summary>
/// One request's route: the template (safe to log: no ids, no tokens), the concrete relative path (holds the
/// interaction token on interaction routes, so it never leaves this client), and the rate-limit facts about it.
/// </summary>
internal sealed record RestRoute(HttpMethod Method, string Template, string Path, string MajorParameter, RouteAuth Auth, bool SafeToRetry)
{
    /// <summary>"METHOD /template": the route key for bucket discovery, logs and exceptions.</summary>
    public string Name { get; } = $"{Method.Method} {Template}";

    /// <summary>POST /interactions/{id}/{token}/callback: never queued, never bound by the global limit.</summary>
    public bool IsInteractionCallback => Template == CallbackTemplate;

    /// <summary>Interaction routes are not bound by the global limit (Discord's rate-limit docs).</summary>
    public bool BypassesGlobalLimit => Auth == RouteAuth.InteractionToken;

    private const string CallbackTemplate = "/interactions/{interaction_id}/{interaction_token}/callback";
    private const string OriginalTemplate = "/webhooks/{application_id}/{interaction_token}/messages/@original";

    public static RestRoute GatewayBot() => new(HttpMethod.Get, "/gateway/bot", "gateway/bot", "", RouteAuth.Bot, SafeToRetry: true);

    // Never retried: a callback that may have landed cannot be sent twice (40060), and the 3 s deadline is gone anyway.
    public static RestRoute InteractionCallback(ulong interactionId, string token) =>
        new(HttpMethod.Post, CallbackTemplate, $"interactions/{Id(interactionId)}/{Escape(token)}/callback", Id(interactionId), RouteAuth.InteractionToken, SafeToRetry: false);

    public static RestRoute Original(HttpMethod method, ulong applicationId, string token) =>
        new(method, OriginalTemplate, $"webhooks/{Id(applicationId)}/{Escape(token)}/messages/@original", Webhook(applicationId, token), RouteAuth.InteractionToken,
            SafeToRetry: method != HttpMethod.Post);

    // wait=true makes Execute Webhook return the message (200) instead of 204; follow-ups always wait, this says so explicitly.
    public static RestRoute Followup(ulong applicationId, string token) =>
        new(HttpMethod.Post, "/webhooks/{application_id}/{interaction_token}", $"webhooks/{Id(applicationId)}/{Escape(token)}?wait=true", Webhook(applicationId, token),
            RouteAuth.InteractionToken, SafeToRetry: false);

    public static RestRoute GlobalCommands(ulong applicationId) =>
        new(HttpMethod.Put, "/applications/{application_id}/commands", $"applications/{Id(applicationId)}/commands", "", RouteAuth.Bot, SafeToRetry: true);

    public static RestRoute GuildCommands(ulong applicationId, ulong guildId, HttpMethod method) =>
        new(method, "/applications/{application_id}/guilds/{guild_id}/commands", $"applications/{Id(applicationId)}/guilds/{Id(guildId)}/commands",
            Id(guildId), RouteAuth.Bot, SafeToRetry: true);

    public static RestRoute CreateMessage(ulong channelId, bool idempotent) =>
        new(HttpMethod.Post, "/channels/{channel_id}/messages", $"channels/{Id(channelId)}/messages", Id(channelId), RouteAuth.Bot, SafeToRetry: idempotent);

    public static RestRoute EditMessage(ulong channelId, ulong messageId) =>
        new(HttpMethod.Patch, "/channels/{channel_id}/messages/{message_id}", $"channels/{Id(channelId)}/messages/{Id(messageId)}", Id(channelId), RouteAuth.Bot,
            SafeToRetry: true);

    // Deleting what is already gone answers 404 (Unknown Message): a retry is safe.
    public static RestRoute DeleteMessage(ulong channelId, ulong messageId) =>
        new(HttpMethod.Delete, "/channels/{channel_id}/messages/{message_id}", $"channels/{Id(channelId)}/messages/{Id(messageId)}", Id(channelId), RouteAuth.Bot,
            SafeToRetry: true);

    public static RestRoute StartThread(ulong channelId, ulong messageId) =>
        new(HttpMethod.Post, "/channels/{channel_id}/messages/{message_id}/threads", $"channels/{Id(channelId)}/messages/{Id(messageId)}/threads", Id(channelId),
            RouteAuth.Bot, SafeToRetry: false);

    public static RestRoute StartThreadWithoutMessage(ulong channelId) =>
        new(HttpMethod.Post, "/channels/{channel_id}/threads", $"channels/{Id(channelId)}/threads", Id(channelId), RouteAuth.Bot, SafeToRetry: false);

    // Adding a member twice is a no-op on Discord's side, so a retry is safe.
    public static RestRoute AddThreadMember(ulong threadId, ulong userId) =>
        new(HttpMethod.Put, "/channels/{channel_id}/thread-members/{user_id}", $"channels/{Id(threadId)}/thread-members/{Id(userId)}", Id(threadId),
            RouteAuth.Bot, SafeToRetry: true);

    /// <inheritdoc />
    public override string ToString() => Name;

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string token) => Uri.EscapeDataString(token);

    // webhook_id + webhook_token is the major parameter of webhook routes.
    private static string Webhook(ulong applicationId, string token) => $"{Id(applicationId)}:{token}";
}
