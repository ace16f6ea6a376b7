using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>The request pipeline: route matching, auth, headers, faults, rate limits, recording.</summary>
public sealed partial class EmulatorRest
{
    private static readonly TimeSpan FiveSeconds = TimeSpan.FromSeconds(5);

    private RouteDef[]? _routes;

    private RouteDef[] Routes => _routes ??=
    [
        new("POST", "/channels/{channel_id}/messages", Auth.Bot, "channel_id", new("80c17d2f203122d936070c88c8d10f33", Options.MessagesPerWindow, Options.MessageRateWindow), CreateMessage),
        new("PATCH", "/channels/{channel_id}/messages/{message_id}", Auth.Bot, "channel_id", new("d7d9e1ee5b5fc3f0e4b1bca1e0b4a8f2", 5, FiveSeconds), EditMessage),
        new("DELETE", "/channels/{channel_id}/messages/{message_id}", Auth.Bot, "channel_id", new("e1f2a3b4c5d6e7f8091a2b3c4d5e6f71", 5, FiveSeconds), DeleteMessage),
        new("POST", "/channels/{channel_id}/messages/{message_id}/threads", Auth.Bot, "channel_id", new("3f4c9a5b7e2d1c0a9b8e7f6d5c4b3a21", 10, TimeSpan.FromSeconds(10)), StartThread),
        new("POST", "/channels/{channel_id}/threads", Auth.Bot, "channel_id", new("4a5d0b6c8f3e2d1b0a9f8e7d6c5b4a32", 10, TimeSpan.FromSeconds(10)), StartThreadWithoutMessage),
        new("PUT", "/channels/{channel_id}/thread-members/{user_id}", Auth.Bot, "channel_id", new("5b6e1c7d9a4f3e2c1b0a9f8e7d6c5b43", 10, TimeSpan.FromSeconds(10)), AddThreadMember),
        new("GET", "/channels/{channel_id}/messages", Auth.Bot, "channel_id", new("5e1f2a3b4c5d6e7f8091a2b3c4d5e6f7", 5, FiveSeconds), ListMessages),
        new("GET", "/channels/{channel_id}", Auth.Bot, "channel_id", new("6f2a3b4c5d6e7f8091a2b3c4d5e6f708", 5, FiveSeconds), GetChannel),
        new("GET", "/guilds/{guild_id}", Auth.Bot, "guild_id", new("7a3b4c5d6e7f8091a2b3c4d5e6f70819", 5, FiveSeconds), GetGuild),
        new("GET", "/guilds/{guild_id}/members/{user_id}", Auth.Bot, "guild_id", new("8b4c5d6e7f8091a2b3c4d5e6f708192a", 5, FiveSeconds), GetMember),
        new("GET", "/users/@me", Auth.Bot, null, new("9c5d6e7f8091a2b3c4d5e6f708192a3b", 5, FiveSeconds), GetCurrentUser),
        new("GET", "/applications/@me", Auth.Bot, null, new("ad6e7f8091a2b3c4d5e6f708192a3b4c", 5, FiveSeconds), GetCurrentApplication),
        new("PUT", "/applications/{application_id}/commands", Auth.Bot, null, new("9a1b2c3d4e5f60718293a4b5c6d7e8f9", 10, TimeSpan.FromSeconds(20)), OverwriteCommands),
        new("GET", "/applications/{application_id}/commands", Auth.Bot, null, new("0b1c2d3e4f5061728394a5b6c7d8e9f0", 50, FiveSeconds), ListCommands),
        new("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", Auth.Bot, "guild_id", new("9a1b2c3d4e5f60718293a4b5c6d7e8f9", 10, TimeSpan.FromSeconds(20)), OverwriteCommands),
        new("GET", "/applications/{application_id}/guilds/{guild_id}/commands", Auth.Bot, "guild_id", new("0b1c2d3e4f5061728394a5b6c7d8e9f0", 50, FiveSeconds), ListCommands),
        new("POST", "/interactions/{interaction_id}/{interaction_token}/callback", Auth.InteractionToken, "interaction_id", new("c0ffee0011223344556677889900aabb", 5, FiveSeconds), Callback),
        new("GET", "/webhooks/{application_id}/{interaction_token}/messages/@original", Auth.InteractionToken, "interaction_token", Webhook, GetOriginal),
        new("PATCH", "/webhooks/{application_id}/{interaction_token}/messages/@original", Auth.InteractionToken, "interaction_token", Webhook, EditOriginal),
        new("DELETE", "/webhooks/{application_id}/{interaction_token}/messages/@original", Auth.InteractionToken, "interaction_token", Webhook, DeleteOriginal),
        new("POST", "/webhooks/{application_id}/{interaction_token}", Auth.InteractionToken, "interaction_token", Webhook, CreateFollowup),
    ];

    // Webhook routes: 5 per 2 s per webhook id + token (commonly observed; Discord documents no number).
    private static readonly BucketSpec Webhook = new("e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9", 5, TimeSpan.FromSeconds(2));

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var path = request.Path.Value![Prefix.Length..];
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, http.RequestAborted);
        var raw = buffer.ToArray();
        var form = new Form("", [], null, Multipart: false);
        if (raw.Length > MaxRequestBytes)
        {
            form = form with { Error = Error(413, 40005, "Request entity too large") };
        }
        else if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType == "multipart/form-data")
        {
            var (json, files, error) = await ReadFormAsync(raw, type, http.RequestAborted);
            form = new Form(json, files, error, Multipart: true);
        }
        else
        {
            form = form with { Json = Encoding.UTF8.GetString(raw) };
        }
        var body = form.Json;
        var (route, values) = Match(request.Method, path);
        EmulatorFault? fault;
        lock (_state)
        {
            fault = route is null ? null : _limits.NextFault(route.Name);
        }
        if (fault is { Kind: EmulatorFaultKind.Delay })
        {
            await Task.Delay(fault.Duration, Options.TimeProvider, CancellationToken.None);
            fault = null;
        }
        var late = fault is { Kind: EmulatorFaultKind.LateAnswer } ? fault.Duration : TimeSpan.Zero;
        if (late > TimeSpan.Zero)
        {
            fault = null;
        }
        Reply reply;
        lock (_state)
        {
            reply = Process(http, route, values, form, fault);
            Record(http, route, path, body, form.Files, reply.Status);
        }
        if (late > TimeSpan.Zero)
        {
            await Task.Delay(late, Options.TimeProvider, CancellationToken.None);
        }
        http.Response.StatusCode = reply.Status;
        if (reply.Body is not null)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(reply.Body.ToJsonString(), CancellationToken.None);
        }
    }

    private Reply Process(HttpContext http, RouteDef? route, Dictionary<string, string> values, Form form, EmulatorFault? fault)
    {
        var text = form.Json;
        if (route is null)
        {
            return Error(404, 0, "404: Not Found");
        }
        var request = http.Request;
        var authorization = request.Headers.Authorization.ToString();
        var expected = "Bot " + Options.BotToken;
        if ((route.Auth == Auth.Bot || authorization.Length > 0) && authorization != expected)
        {
            return Error(401, 0, "401: Unauthorized");
        }
        if (!request.Headers.UserAgent.ToString().StartsWith("DiscordBot", StringComparison.Ordinal))
        {
            return Error(400, 0, "Invalid User-Agent: expected \"DiscordBot ($url, $versionNumber)\"");
        }
        if (form.Error is { } formError)
        {
            return formError;
        }
        JsonNode? body = null;
        if (text.Length > 0)
        {
            if (!form.Multipart && (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.MediaType != "application/json"))
            {
                var errors = new FormErrors();
                errors.Add("", "CONTENT_TYPE_INVALID", "Expected \"Content-Type\" header to be one of {'application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'}.");
                return new(400, errors.ToBody());
            }
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return Error(400, 50109, "The request body contains invalid JSON.");
            }
        }
        var now = Now();
        var major = route.Major is null ? "" : values[route.Major];
        if (fault is not null)
        {
            return Fault(http.Response, route, major, fault, now);
        }
        if (route.Auth == Auth.Bot && _limits.TakeGlobal(now) is { } globalWait)
        {
            return new(429, _limits.TooManyRequests(http.Response, EmulatedRateLimitScope.Global, globalWait));
        }
        if (_limits.TakeBucket(route.Bucket, major, now, out var bucket) is { } bucketWait)
        {
            EmulatedLimits.WriteBucketHeaders(http.Response, bucket, now);
            return new(429, _limits.TooManyRequests(http.Response, EmulatedRateLimitScope.User, bucketWait));
        }
        EmulatedLimits.WriteBucketHeaders(http.Response, bucket, now);
        return route.Handler(new Call(values, body, request.Query, now) { Files = form.Files });
    }

    private Reply Fault(HttpResponse response, RouteDef route, string major, EmulatorFault fault, DateTimeOffset now)
    {
        if (fault.Kind == EmulatorFaultKind.Status)
        {
            return Error(fault.StatusCode, 0, fault.StatusCode == 502 ? "502: Bad Gateway" : $"{fault.StatusCode}: Server Error");
        }
        if (fault.Scope != EmulatedRateLimitScope.Global)
        {
            var state = _limits.State(route.Bucket, major, now);
            EmulatedLimits.WriteBucketHeaders(response, state, now, fault.Sublimit ? Math.Max(1, state.Remaining) : 0);
        }
        return new(429, _limits.TooManyRequests(response, fault.Scope, fault.Duration));
    }

    private void Record(HttpContext http, RouteDef? route, string path, string text, IReadOnlyList<RecordedUpload> files, int status)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in http.Request.Headers)
        {
            // The token itself is never kept: only its scheme, to tell "Bot" from nothing.
            headers[name] = name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? value.ToString().Split(' ')[0] + " ***" : value.ToString();
        }
        JsonNode? body = null;
        try
        {
            body = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (JsonException)
        {
            body = JsonValue.Create(text);
        }
        var recorded = new RecordedRequest(http.Request.Method, path + http.Request.QueryString, route?.Name, headers, body, status, Now()) { Files = files };
        _requests.Add(recorded);
        _recorded.Publish(recorded);
    }

    private (RouteDef? Route, Dictionary<string, string> Values) Match(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        foreach (var route in Routes)
        {
            if (route.Method != method || route.Segments.Length != segments.Length)
            {
                continue;
            }
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var ok = true;
            for (var i = 0; i < segments.Length && ok; i++)
            {
                var pattern = route.Segments[i];
                if (pattern.StartsWith('{'))
                {
                    values[pattern[1..^1]] = Uri.UnescapeDataString(segments[i]);
                }
                else
                {
                    ok = pattern == segments[i];
                }
            }
            if (ok)
            {
                return (route, values);
            }
        }
        return (null, []);
    }

    private static Reply Error(int status, int code, string message) => new(status, new JsonObject { ["message"] = message, ["code"] = code });

    private static Reply Ok(JsonNode body) => new(200, body);

    private static Reply NoContent() => new(204, null);

    private enum Auth
    {
        Bot,
        InteractionToken,
    }

    private sealed record Reply(int Status, JsonNode? Body);

    /// <summary>A request body: the JSON (a multipart form's payload_json), its files, or why the form was refused.</summary>
    private sealed record Form(string Json, List<RecordedUpload> Files, Reply? Error, bool Multipart);

    private sealed record Call(Dictionary<string, string> Values, JsonNode? Body, IQueryCollection Query, DateTimeOffset Now)
    {
        public IReadOnlyList<RecordedUpload> Files { get; init; } = [];

        public ulong Id(string name) => ulong.TryParse(Values[name], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
    }

    private sealed record RouteDef(string Method, string Template, Auth Auth, string? Major, BucketSpec Bucket, Func<Call, Reply> Handler)
    {
        public string Name { get; } = $"{Method} {Template}";
        public string[] Segments { get; } = Template.Trim('/').Split('/');
    }
}
