namespace MlePrep.Discord.Rest;

/// <summary>Timing knobs of the REST client; tests shrink them.</summary>
internal sealed record RestPolicy
{
    public static RestPolicy Default { get; } = new();

    /// <summary>Per-attempt timeout (discord.js uses 15 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts for requests that are safe to retry after a 5xx or timeout.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>First retry delay; doubles each attempt.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>429s tolerated for one request before giving up.</summary>
    public int MaxRateLimitRetries { get; init; } = 10;

    /// <summary>Discord's global limit: requests per second per bot.</summary>
    public int GlobalRequestsPerSecond { get; init; } = 50;

    /// <summary>Added to every reset wait so a bucket is really open when we send (clock skew, latency).</summary>
    public TimeSpan ResetOffset { get; init; } = TimeSpan.FromMilliseconds(50);
}
