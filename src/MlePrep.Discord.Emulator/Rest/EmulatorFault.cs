namespace MlePrep.Discord.Emulator.Rest;

/// <summary>Which limit a scripted 429 claims was hit (the X-RateLimit-Scope header).</summary>
public enum EmulatedRateLimitScope
{
    /// <summary>The route's per-bot bucket.</summary>
    User,
    /// <summary>The bot's global limit (also sends X-RateLimit-Global and <c>"global": true</c>).</summary>
    Global,
    /// <summary>A limit shared by everybody on the resource.</summary>
    Shared,
}

/// <summary>What a scripted fault does to a request.</summary>
public enum EmulatorFaultKind
{
    /// <summary>Answer 429.</summary>
    RateLimited,
    /// <summary>Answer a bare error status (500, 502, 503, 504) without handling the request.</summary>
    Status,
    /// <summary>Handle the request normally, after a delay (to provoke client timeouts).</summary>
    Delay,
    /// <summary>Handle the request at once, answer after a delay: a client timeout on a request that did land.</summary>
    LateAnswer,
}

/// <summary>A scripted misbehaviour for the next requests to one route; see <see cref="EmulatorRest.ScriptFault"/>.</summary>
public sealed record EmulatorFault(EmulatorFaultKind Kind, int StatusCode = 0, TimeSpan Duration = default,
    EmulatedRateLimitScope Scope = EmulatedRateLimitScope.User, bool Sublimit = false)
{
    /// <summary>A 429 with the given scope; <paramref name="sublimit"/> keeps X-RateLimit-Remaining above 0.</summary>
    public static EmulatorFault RateLimit(EmulatedRateLimitScope scope, TimeSpan retryAfter, bool sublimit = false) =>
        new(EmulatorFaultKind.RateLimited, 429, retryAfter, scope, sublimit);

    /// <summary>A bare 5xx.</summary>
    public static EmulatorFault Error(int statusCode) => new(EmulatorFaultKind.Status, statusCode);

    /// <summary>A slow answer.</summary>
    public static EmulatorFault Delay(TimeSpan delay) => new(EmulatorFaultKind.Delay, 0, delay);

    /// <summary>The request takes effect now; its answer comes after <paramref name="delay"/>.</summary>
    public static EmulatorFault LateAnswer(TimeSpan delay) => new(EmulatorFaultKind.LateAnswer, 0, delay);
}

/// <summary>One request as the emulator saw it. The Authorization value is masked to its scheme.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string? Route,
    IReadOnlyDictionary<string, string> Headers,
    System.Text.Json.Nodes.JsonNode? Body,
    int Status,
    DateTimeOffset Time)
{
    /// <summary>The files of a multipart/form-data request (its <see cref="Body"/> is then the <c>payload_json</c>).</summary>
    public IReadOnlyList<RecordedUpload> Files { get; init; } = [];
}

/// <summary>How a channel treats the bot.</summary>
public enum ChannelAccess
{
    /// <summary>The bot may view and post.</summary>
    Allowed,
    /// <summary>403 50013 "Missing Permissions".</summary>
    MissingPermissions,
    /// <summary>403 50001 "Missing Access".</summary>
    MissingAccess,
}

/// <summary>Delivers gateway dispatches; the emulator's gateway implements it (wired in <see cref="DiscordEmulator"/>).</summary>
public interface IGatewayDispatcher
{
    /// <summary>Sends a dispatch (<c>op 0</c>, <c>t</c> = <paramref name="eventName"/>) to every identified session.</summary>
    Task DispatchAsync(string eventName, string json);
}
