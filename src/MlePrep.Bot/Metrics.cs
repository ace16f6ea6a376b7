using System.Diagnostics.Metrics;

namespace MlePrep.Bot;

/// <summary>
/// The instruments the features record into (meter <c>MlePrep.Bot</c>); like <see cref="Log"/>, shared by every module.
/// Tags are bounded: command names and custom-id kinds, never ids or text. The README's metrics table lists them.
/// </summary>
internal static class Metrics
{
    public const string MeterName = "MlePrep.Bot";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Interactions = Meter.CreateCounter<long>(
        "mleprep.interactions", "{interaction}", "Interactions handled, by command and outcome (answered, deferred, failed, expired)");

    // Seconds, with buckets around Discord's 3 s deadline and the router's 1.5 s defer.
    private static readonly Histogram<double> InteractionLatency = Meter.CreateHistogram(
        "mleprep.interaction.latency", "s", "From receipt to the first accepted callback (reply or defer), by command",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5] });

    private static readonly Counter<long> DailyPosts = Meter.CreateCounter<long>(
        "mleprep.daily.posts", "{post}", "Daily question posts by outcome (posted, late, skipped, failed)");

    public static void InteractionHandled(string command, string outcome) =>
        Interactions.Add(1, new("command", command), new("outcome", outcome));

    public static void InteractionAcknowledged(string command, TimeSpan sinceReceipt) =>
        InteractionLatency.Record(sinceReceipt.TotalSeconds, new KeyValuePair<string, object?>("command", command));

    public static void DailyPost(string outcome) => DailyPosts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
