using System.Diagnostics;

namespace MlePrep.Bench;

/// <summary>Latency percentiles in milliseconds (nearest-rank: the smallest sample with at least p% of samples at or below it).</summary>
internal sealed record Latency(int Count, double P50, double P95, double P99, double Max)
{
    public static readonly Latency Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN);

    public static Latency Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return sorted.Length == 0
            ? Empty
            : new Latency(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1]);
    }

    /// <summary>Nearest rank on an ascending array: rank ⌈p/100 · n⌉, 1-based.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    public static double Milliseconds(long fromTimestamp, long toTimestamp) =>
        Stopwatch.GetElapsedTime(fromTimestamp, toTimestamp).TotalMilliseconds;

    public string Summary => Count == 0 ? "no samples" : $"p50 {P50:0.0} · p95 {P95:0.0} · p99 {P99:0.0} · max {Max:0.0} ms";
}
