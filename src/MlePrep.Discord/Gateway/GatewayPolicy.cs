using Microsoft.Extensions.DependencyInjection;

namespace MlePrep.Discord.Gateway;

/// <summary>
/// Timing of reconnects and heartbeats. The <see cref="Random"/> is the client's keyed one (<see cref="DiscordClock.Key"/>),
/// so tests fix the jitter, and the waits are settable so they can be short.
/// </summary>
internal sealed class GatewayPolicy([FromKeyedServices(DiscordClock.Key)] Random random)
{
    /// <summary>A uniform value in [0, 1): the heartbeat jitter and the spread of backoffs.</summary>
    public double Jitter() => random.NextDouble();

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The older docs asked for a random 1–5 s wait before identifying after op 9 <c>d:false</c>.</summary>
    public TimeSpan InvalidSessionMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan InvalidSessionMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>discord.js gives up on a connection that sends no Hello within 60 s.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for the server's answering close frame before dropping the socket.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Discord allows <c>max_concurrency</c> Identify calls per 5 s.</summary>
    public TimeSpan IdentifyWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait after <paramref name="failures"/> consecutive failed attempts: doubling, capped, jittered by up to −50 %.</summary>
    public TimeSpan Backoff(int failures)
    {
        var doubled = InitialBackoff * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = doubled < MaxBackoff ? doubled : MaxBackoff;
        return capped * (0.5 + (Jitter() / 2));
    }

    public TimeSpan InvalidSessionDelay() =>
        InvalidSessionMinDelay + ((InvalidSessionMaxDelay - InvalidSessionMinDelay) * Jitter());
}
