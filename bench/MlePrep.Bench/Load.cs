using System.Diagnostics;
using MlePrep.Discord.Emulator.Rest;

namespace MlePrep.Bench;

/// <summary>What a batch of injected interactions measured.</summary>
/// <param name="Sent">Interactions injected.</param>
/// <param name="Answered">Interactions whose first callback arrived.</param>
/// <param name="Missed">Interactions without a callback within Discord's 3 s.</param>
/// <param name="Latency">Sent INTERACTION_CREATE → first callback (or → reply content when <c>toReply</c>).</param>
/// <param name="SendRate">Injections per second actually achieved.</param>
/// <param name="HandledRate">Callbacks per second, from the first send to the last callback.</param>
internal sealed record LoadResult(int Sent, int Answered, int Missed, Latency Latency, double SendRate, double HandledRate);

/// <summary>Drives interactions into the emulator and reads the emulator's timestamps back.</summary>
internal static class Load
{
    public const double DeadlineMs = 3000;

    /// <summary>
    /// Open loop: the i-th interaction is due at i/<paramref name="rate"/> s whatever the bot does (a late bot does not slow
    /// the senders down, as on Discord). Injection is sequential, so the emulator's own gateway lock is never contended.
    /// </summary>
    public static async Task<IReadOnlyList<InjectedInteraction>> OpenLoopAsync(EmulatorRest discord, double rate, int count, Func<int, InteractionSpec> spec)
    {
        var injected = new List<InjectedInteraction>(count);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var ahead = TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(start);
            if (ahead > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(ahead);
            }
            injected.Add(await discord.InjectInteractionAsync(spec(i)));
        }
        return injected;
    }

    /// <summary>
    /// Closed loop with <paramref name="inFlight"/> interactions outstanding: a new one as soon as one is answered, so the
    /// bot runs at its capacity without a queue that grows past the deadline.
    /// </summary>
    public static async Task<IReadOnlyList<InjectedInteraction>> ClosedLoopAsync(EmulatorRest discord, int count, int inFlight, Func<int, InteractionSpec> spec)
    {
        var injected = new List<InjectedInteraction>(count);
        using var slots = new SemaphoreSlim(inFlight, inFlight);
        for (var i = 0; i < count; i++)
        {
            await slots.WaitAsync(TimeSpan.FromSeconds(DeadlineMs / 1000 + 5));
            var one = await discord.InjectInteractionAsync(spec(i));
            _ = one.Callback.ContinueWith(_ => slots.Release(), TaskScheduler.Default);
            injected.Add(one);
        }
        return injected;
    }

    /// <summary>
    /// Closed loop: one interaction at a time, each after the previous one's reply (query latency without queueing);
    /// stops after <paramref name="count"/> or once <paramref name="budget"/> is spent, so a slow query cannot stall the run.
    /// </summary>
    public static async Task<IReadOnlyList<InjectedInteraction>> OneByOneAsync(EmulatorRest discord, int count, TimeSpan budget, Func<int, InteractionSpec> spec)
    {
        var injected = new List<InjectedInteraction>(count);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count && Stopwatch.GetElapsedTime(start) < budget; i++)
        {
            var one = await discord.InjectInteractionAsync(spec(i));
            injected.Add(one);
            // A reply after a defer may take long (a board derived over 100k members); a missing one counts as missed.
            await Task.WhenAny(one.WaitForOriginalAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        }
        return injected;
    }

    /// <summary>Waits (bounded) for every callback, then measures. <paramref name="toReply"/>: up to the reply's content instead of the first callback.</summary>
    public static async Task<LoadResult> MeasureAsync(IReadOnlyList<InjectedInteraction> injected, bool toReply = false)
    {
        try
        {
            await Task.WhenAll(injected.Select(i => toReply ? (Task)i.WaitForOriginalAsync() : i.Callback)).WaitAsync(TimeSpan.FromSeconds(DeadlineMs / 1000 + 5));
        }
        catch (TimeoutException)
        {
            // Counted below as missed.
        }
        return Measure(injected.Select(i => (i.SentTimestamp, toReply ? i.OriginalTimestamp : i.CallbackTimestamp)).ToList());
    }

    /// <summary>The math on (sent, answered) Stopwatch timestamps; 0 = never answered.</summary>
    internal static LoadResult Measure(IReadOnlyList<(long Sent, long Answered)> samples)
    {
        if (samples.Count == 0)
        {
            return new LoadResult(0, 0, 0, Latency.Empty, 0, 0);
        }
        var answered = samples.Where(s => s.Answered != 0).ToList();
        var latencies = answered.Select(s => Latency.Milliseconds(s.Sent, s.Answered)).ToList();
        var missed = samples.Count - answered.Count + latencies.Count(l => l > DeadlineMs);
        var first = samples.Min(s => s.Sent);
        var lastSent = samples.Max(s => s.Sent);
        var sendSeconds = Stopwatch.GetElapsedTime(first, lastSent).TotalSeconds;
        var handledSeconds = answered.Count == 0 ? 0 : Stopwatch.GetElapsedTime(first, answered.Max(s => s.Answered)).TotalSeconds;
        return new LoadResult(samples.Count, answered.Count, missed, Latency.Of(latencies),
            sendSeconds > 0 ? (samples.Count - 1) / sendSeconds : 0,
            handledSeconds > 0 ? answered.Count / handledSeconds : 0);
    }
}
