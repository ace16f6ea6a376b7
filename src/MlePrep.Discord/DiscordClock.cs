namespace MlePrep.Discord;

/// <summary>
/// The client's own clock, a keyed service: heartbeats, back-off and rate limits follow real time even when the
/// application runs its features on a clock it moves (tests, a sandbox's fast-forward).
/// </summary>
public static class DiscordClock
{
    /// <summary>The service key of the client's <see cref="TimeProvider"/>, and of its <see cref="Random"/> (heartbeat and backoff jitter).</summary>
    public const string Key = "MlePrep.Discord.Clock";
}
