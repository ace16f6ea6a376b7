namespace MlePrep.Discord.Rest;

/// <summary>Response of GET /gateway/bot.</summary>
public sealed record GatewayBotInfo
{
    /// <summary>The WebSocket URL to connect to.</summary>
    public required string Url { get; init; }
    /// <summary>Recommended shard count.</summary>
    public int Shards { get; init; } = 1;
    /// <summary>Identify budget.</summary>
    public required SessionStartLimit SessionStartLimit { get; init; }
}

/// <summary>How many sessions may still be started.</summary>
public sealed record SessionStartLimit
{
    /// <summary>Total allowed per window.</summary>
    public int Total { get; init; }
    /// <summary>Remaining in this window.</summary>
    public int Remaining { get; init; }
    /// <summary>Milliseconds until the window resets.</summary>
    public long ResetAfter { get; init; }
    /// <summary>Identify requests allowed per 5 seconds.</summary>
    public int MaxConcurrency { get; init; } = 1;
}

/// <summary>The error body Discord returns with a non-success status.</summary>
public sealed record DiscordErrorBody
{
    /// <summary>JSON error code (e.g. 10062 unknown interaction).</summary>
    public int Code { get; init; }
    /// <summary>Human-readable message.</summary>
    public string Message { get; init; } = "";
    /// <summary>Per-field error tree (50035).</summary>
    public System.Text.Json.JsonElement? Errors { get; init; }
}

/// <summary>The 429 body.</summary>
public sealed record RateLimitedBody
{
    /// <summary>Message.</summary>
    public string Message { get; init; } = "";
    /// <summary>Seconds to wait.</summary>
    public double RetryAfter { get; init; }
    /// <summary>Whether the global limit was hit.</summary>
    public bool Global { get; init; }
    /// <summary>Optional error code.</summary>
    public int? Code { get; init; }
}
