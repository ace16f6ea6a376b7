using System.Diagnostics;

namespace MlePrep.Bench.Tests;

/// <summary>The harness's arithmetic: percentiles, missed deadlines and rates from emulator timestamps.</summary>
public sealed class MeasurementTests
{
    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var latency = Latency.Of(Enumerable.Range(1, 100).Select(i => (double)i).Reverse());

        Assert.Equal(new Latency(100, 50, 95, 99, 100), latency);
        Assert.Equal(new Latency(1, 7, 7, 7, 7), Latency.Of([7]));
        Assert.Equal(3, Latency.Percentile([1, 2, 3, 4], 51));
        Assert.Equal(0, Latency.Of([]).Count);
    }

    [Fact]
    public void Unanswered_and_late_interactions_count_as_missed_and_rates_come_from_the_timestamps()
    {
        var ms = Stopwatch.Frequency / 1000;
        // Sent every 10 ms; answered after 5 ms, except one never answered and one answered after 3.5 s.
        var samples = Enumerable.Range(0, 101).Select(i => (Sent: i * 10 * ms, Answered: i * 10 * ms + 5 * ms)).ToList();
        samples[50] = (samples[50].Sent, 0);
        samples[100] = (samples[100].Sent, samples[100].Sent + 3_500 * ms);

        var result = Load.Measure(samples);

        Assert.Equal((101, 100, 2), (result.Sent, result.Answered, result.Missed));
        Assert.Equal(5, result.Latency.P50, 3);
        Assert.Equal(3_500, result.Latency.Max, 3);
        Assert.Equal(100, result.SendRate, 3);
        Assert.Equal(100 / 4.5, result.HandledRate, 3);
    }

    [Fact]
    public void The_table_marks_targets_met_and_missed()
    {
        var table = new ResultTable();
        table.Add("1 · x", "rate", "1000/s", "≥ 1000/s", true);
        table.Add("1 · x", "p99", "30 ms", "≤ 20 ms", false);
        table.Add("1 · x", "note", "info");

        var markdown = table.ToMarkdown(quick: true, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(3));

        Assert.Contains($"{Environment.ProcessorCount} cores", markdown);
        Assert.Contains("| 1 · x | rate | 1000/s | ≥ 1000/s | ✅ |", markdown);
        Assert.Contains("| 1 · x | p99 | 30 ms | ≤ 20 ms | ❌ |", markdown);
        Assert.Contains("| 1 · x | note | info |  |  |", markdown);
    }
}
