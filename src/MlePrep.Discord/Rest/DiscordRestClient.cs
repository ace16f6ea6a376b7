using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Serialization;

namespace MlePrep.Discord.Rest;

/// <summary>
/// <see cref="IDiscordRestClient"/> on a typed <see cref="HttpClient"/> whose base address is the API URL with its
/// version. Logs and exceptions name route templates only: interaction tokens travel in paths, the bot token in a header.
/// </summary>
internal sealed partial class DiscordRestClient(HttpClient http, IOptions<DiscordOptions> options, RestRateLimiter limiter, ILogger<DiscordRestClient> logger)
    : IDiscordRestClient
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly DiscordOptions _options = options.Value;

    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken ct) =>
        SendAsync(RestRoute.GatewayBot(), null, DiscordJsonContext.Default.GatewayBotInfo, ct)!;

    public Task RespondAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken ct)
    {
        response = response.WithDefaultMentions();
        return SendAsync<object>(RestRoute.InteractionCallback(interactionId, interactionToken), Body(response, DiscordJsonContext.Default.InteractionResponse), null, ct,
            response.Data?.Files);
    }

    public Task<Message> GetOriginalResponseAsync(ulong applicationId, string interactionToken, CancellationToken ct) =>
        SendAsync(RestRoute.Original(HttpMethod.Get, applicationId, interactionToken), null, DiscordJsonContext.Default.Message, ct)!;

    public Task<Message> EditOriginalResponseAsync(ulong applicationId, string interactionToken, MessagePayload message, CancellationToken ct) =>
        SendAsync(RestRoute.Original(HttpMethod.Patch, applicationId, interactionToken), EditBody(message), DiscordJsonContext.Default.Message, ct, message.Files)!;

    public Task DeleteOriginalResponseAsync(ulong applicationId, string interactionToken, CancellationToken ct) =>
        SendAsync<object>(RestRoute.Original(HttpMethod.Delete, applicationId, interactionToken), null, null, ct);

    public Task<Message> CreateFollowupAsync(ulong applicationId, string interactionToken, MessagePayload message, CancellationToken ct) =>
        SendAsync(RestRoute.Followup(applicationId, interactionToken), EditBody(message), DiscordJsonContext.Default.Message, ct, message.Files)!;

    public async Task<IReadOnlyList<ApplicationCommand>> OverwriteGlobalCommandsAsync(ulong applicationId, IReadOnlyList<ApplicationCommand> commands, CancellationToken ct) =>
        (await SendAsync(RestRoute.GlobalCommands(applicationId), CommandsBody(commands), DiscordJsonContext.Default.ApplicationCommandArray, ct))!;

    public async Task<IReadOnlyList<ApplicationCommand>> GetGuildCommandsAsync(ulong applicationId, ulong guildId, CancellationToken ct) =>
        (await SendAsync(RestRoute.GuildCommands(applicationId, guildId, HttpMethod.Get), null, DiscordJsonContext.Default.ApplicationCommandArray, ct))!;

    public async Task<IReadOnlyList<ApplicationCommand>> OverwriteGuildCommandsAsync(ulong applicationId, ulong guildId, IReadOnlyList<ApplicationCommand> commands,
        CancellationToken ct) =>
        (await SendAsync(RestRoute.GuildCommands(applicationId, guildId, HttpMethod.Put), CommandsBody(commands), DiscordJsonContext.Default.ApplicationCommandArray, ct))!;

    public Task<Message> CreateMessageAsync(ulong channelId, MessagePayload message, CancellationToken ct)
    {
        if (message.Nonce is { Length: > 25 })
        {
            throw new ArgumentException("A nonce is at most 25 characters.", nameof(message));
        }
        var idempotent = message is { Nonce: not null, EnforceNonce: true };
        var body = new MessageCreateBody(message.Content, message.Embeds, message.Components, message.AllowedMentions ?? AllowedMentions.None, message.Flags,
            message.Nonce, message.Nonce is null ? null : message.EnforceNonce, FileUpload.Requests(message.Files), message.MessageReference);
        return SendAsync(RestRoute.CreateMessage(channelId, idempotent), Body(body, RestJsonContext.Default.MessageCreateBody), DiscordJsonContext.Default.Message, ct,
            message.Files)!;
    }

    public Task<Message> EditMessageAsync(ulong channelId, ulong messageId, MessagePayload message, CancellationToken ct) =>
        SendAsync(RestRoute.EditMessage(channelId, messageId), EditBody(message), DiscordJsonContext.Default.Message, ct, message.Files)!;

    public Task DeleteMessageAsync(ulong channelId, ulong messageId, CancellationToken ct) =>
        SendAsync<object>(RestRoute.DeleteMessage(channelId, messageId), null, null, ct);

    public Task<PartialChannel> StartThreadFromMessageAsync(ulong channelId, ulong messageId, ThreadCreate thread, CancellationToken ct) =>
        SendAsync(RestRoute.StartThread(channelId, messageId), Body(thread, DiscordJsonContext.Default.ThreadCreate), DiscordJsonContext.Default.PartialChannel, ct)!;

    public Task<PartialChannel> StartThreadWithoutMessageAsync(ulong channelId, ThreadCreate thread, CancellationToken ct) =>
        SendAsync(RestRoute.StartThreadWithoutMessage(channelId), Body(thread, DiscordJsonContext.Default.ThreadCreate), DiscordJsonContext.Default.PartialChannel, ct)!;

    public Task AddThreadMemberAsync(ulong threadId, ulong userId, CancellationToken ct) =>
        SendAsync<object>(RestRoute.AddThreadMember(threadId, userId), null, null, ct);

    private static byte[] EditBody(MessagePayload m) =>
        Body(new MessageEditBody(m.Content, m.Embeds, m.Components, m.AllowedMentions ?? AllowedMentions.None, m.Flags, FileUpload.Requests(m.Files)),
            RestJsonContext.Default.MessageEditBody);

    private static byte[] CommandsBody(IReadOnlyList<ApplicationCommand> commands) =>
        Body(commands.Select(c => new CommandUpdateBody(c.Id, c.Type, c.Name, c.Description, c.Options, c.DefaultMemberPermissions, c.Contexts, c.IntegrationTypes))
            .ToArray(), RestJsonContext.Default.CommandUpdateBodyArray);

    private static byte[] Body<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    // With files, the body goes as multipart/form-data: the JSON as its payload_json part, each file as files[n].
    private async Task<T?> SendAsync<T>(RestRoute route, byte[]? body, JsonTypeInfo<T>? result, CancellationToken ct, IReadOnlyList<FileUpload>? files = null)
    {
        var policy = limiter.Policy;
        var attempt = 0;
        var rateLimits = 0;
        while (true)
        {
            attempt++;
            using var lease = await limiter.AcquireAsync(route, waitMs => logger.WaitingForBucket(route.Name, waitMs), ct);
            using var timeout = new CancellationTokenSource(policy.RequestTimeout, limiter.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(Request(route, body, files), HttpCompletionOption.ResponseContentRead, linked.Token);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is OperationCanceledException or HttpRequestException)
            {
                // A timeout or dropped connection: the request may or may not have landed.
                DiscordMetrics.RestResponse(route.Name, 0);
                if (!route.SafeToRetry || attempt >= policy.MaxAttempts)
                {
                    if (ex is HttpRequestException)
                    {
                        throw;
                    }
                    throw new TimeoutException($"{route.Name} got no response within {policy.RequestTimeout.TotalSeconds} s (attempt {attempt}).", ex);
                }
                lease.Dispose();
                var delay = Backoff(attempt);
                logger.NoResponse(route.Name, attempt, ex is HttpRequestException ? $"connection error: {ex.Message}" : "timeout", delay.TotalMilliseconds);
                await Task.Delay(delay, limiter.Time, ct);
                continue;
            }
            using (response)
            {
                limiter.Update(route, lease, response.Headers);
                DiscordMetrics.RestResponse(route.Name, (int)response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var wait = await OnRateLimitedAsync(route, lease, response, ct);
                    if (++rateLimits > policy.MaxRateLimitRetries)
                    {
                        throw await ErrorAsync(route, response, ct);
                    }
                    attempt--;
                    lease.Dispose();
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, limiter.Time, ct);
                    }
                    continue;
                }
                if (IsTransient(response.StatusCode) && route.SafeToRetry && attempt < policy.MaxAttempts)
                {
                    lease.Dispose();
                    var delay = Backoff(attempt);
                    logger.Retrying(route.Name, (int)response.StatusCode, attempt, delay.TotalMilliseconds);
                    await Task.Delay(delay, limiter.Time, ct);
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    var error = await ReadErrorAsync(response, route, ct);
                    if (route.Method == HttpMethod.Delete && error.Code == DiscordErrorCodes.UnknownMessage)
                    {
                        // Already gone, e.g. an earlier attempt that timed out had landed: what the caller wanted is done.
                        logger.AlreadyDeleted(route.Name, attempt);
                        return default;
                    }
                    throw LogError(route, error);
                }
                if (result is null || response.StatusCode == HttpStatusCode.NoContent)
                {
                    return default;
                }
                await using var stream = await response.Content.ReadAsStreamAsync(ct);
                return await JsonSerializer.DeserializeAsync(stream, result, ct);
            }
        }
    }

    private HttpRequestMessage Request(RestRoute route, byte[]? body, IReadOnlyList<FileUpload>? files)
    {
        var request = new HttpRequestMessage(route.Method, new Uri(route.Path, UriKind.Relative));
        // Interaction-token routes are authenticated by the token in their path (the spec makes Authorization optional
        // there); leaving the bot token off keeps it off those requests and makes any 401 there about the interaction token.
        if (route.Auth == RouteAuth.Bot)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _options.Token);
        }
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        if (body is not null && files is { Count: > 0 })
        {
            request.Content = Multipart.Content(body, files);
        }
        else if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }
        return request;
    }

    private async Task<TimeSpan> OnRateLimitedAsync(RestRoute route, RestRateLimiter.Lease lease, HttpResponseMessage response, CancellationToken ct)
    {
        RateLimitedBody? body = null;
        try
        {
            body = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(ct), DiscordJsonContext.Default.RateLimitedBody, ct);
        }
        catch (JsonException)
        {
            // Cloudflare's 429 has no JSON body: the headers say enough.
        }
        var headers = response.Headers;
        var scopeHeader = headers.TryGetValues("X-RateLimit-Scope", out var scopes) ? scopes.FirstOrDefault() : null;
        var global = body?.Global == true || (headers.TryGetValues("X-RateLimit-Global", out var g) && g.FirstOrDefault() == "true") || scopeHeader == "global";
        var scope = global ? RateLimitScope.Global : scopeHeader == "shared" ? RateLimitScope.Shared : RateLimitScope.User;
        var retryAfter = RetryAfter(body, response);
        // A 429 while the bucket still has quota is a sublimit: only this request waits.
        var sublimit = scope == RateLimitScope.User && headers.TryGetValues("X-RateLimit-Remaining", out var r)
            && int.TryParse(r.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining) && remaining > 0;
        limiter.RateLimited(route, lease, scope, sublimit, retryAfter);
        logger.RateLimited(route.Name, scope.ToString().ToLowerInvariant(), global, retryAfter.TotalMilliseconds);
        DiscordMetrics.RateLimited(route.Name, scope.ToString().ToLowerInvariant());
        return RestRateLimiter.OwnDelay(route, scope, sublimit, retryAfter);
    }

    private TimeSpan RetryAfter(RateLimitedBody? body, HttpResponseMessage response)
    {
        // The body's retry_after has decimals; the Retry-After header is whole seconds.
        var seconds = body?.RetryAfter is > 0 ? body.RetryAfter
            : response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1;
        return TimeSpan.FromSeconds(seconds) + limiter.Policy.ResetOffset;
    }

    private TimeSpan Backoff(int attempt) => limiter.Policy.RetryBaseDelay * Math.Pow(2, attempt - 1);

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private async Task<DiscordApiException> ErrorAsync(RestRoute route, HttpResponseMessage response, CancellationToken ct) =>
        LogError(route, await ReadErrorAsync(response, route, ct));

    private static async Task<DiscordApiException> ReadErrorAsync(HttpResponseMessage response, RestRoute route, CancellationToken ct)
    {
        DiscordErrorBody? body = null;
        try
        {
            body = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(ct), DiscordJsonContext.Default.DiscordErrorBody, ct);
        }
        catch (JsonException)
        {
            // Not Discord's JSON (a proxy's HTML page): keep the status alone.
        }
        var message = body?.Message is { Length: > 0 } m ? m : response.ReasonPhrase ?? "";
        return new DiscordApiException(response.StatusCode, body?.Code ?? 0, message, route.Name, body?.Errors);
    }

    private DiscordApiException LogError(RestRoute route, DiscordApiException error)
    {
        var status = (int)error.Status;
        if (error.Status == HttpStatusCode.Unauthorized)
        {
            if (route.Auth == RouteAuth.InteractionToken)
            {
                logger.InteractionTokenRejected(route.Name, status, error.Code);
            }
            else
            {
                logger.BotTokenRejected(route.Name, error.Code);
            }
        }
        else
        {
            logger.RequestFailed(route.Name, status, error.Code, error.DiscordMessage);
        }
        return error;
    }
}
