using MlePrep.Bench.Scenarios;
using MlePrep.Bot.Emulated;
using MlePrep.Discord.Emulator;

namespace MlePrep.Bench.Tests;

/// <summary>
/// Every scenario at toy size, checking what the harness counted (posts, duplicates, answers, exact state), never how fast
/// anything was: timings on a shared CI machine prove nothing.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TinyRunTests
{
    private static readonly BenchOptions Tiny = new(true, [50], TimeSpan.FromSeconds(1), [20], 50, TimeSpan.FromSeconds(1), 200, 30, 5)
    {
        IdleWait = TimeSpan.FromMilliseconds(200),
        ColdBurst = 100,
    };

    private static ResultRow Row(ResultTable table, string measureStart) => Assert.Single(table.Rows, r => r.Measure.StartsWith(measureStart, StringComparison.Ordinal));

    private static ResultRow Row(ResultTable table, string scenario, string measureStart) =>
        Assert.Single(table.Rows, r => r.Scenario == scenario && r.Measure.StartsWith(measureStart, StringComparison.Ordinal));

    [Fact]
    public async Task Interactions_are_all_answered_within_the_deadline()
    {
        var table = new ResultTable();

        var workingSet = await InteractionLoad.RunAsync(Tiny, table);

        var handled = Row(table, "50/s: handled/s");
        Assert.EndsWith(" · 0", handled.Value);
        Assert.Equal(Verdict.Met, handled.Verdict);
        Assert.True(workingSet > 0);
    }

    [Fact]
    public async Task A_fresh_process_answers_a_burst_from_the_moment_it_is_ready()
    {
        var table = new ResultTable();

        await ColdStart.RunAsync(Tiny, table);

        Assert.EndsWith(" · 0", Row(table, "500/s, cold, from READY: bot CPU").Value);
        Assert.EndsWith(" · 0", Row(table, "500/s, warm, right after: bot CPU").Value);
        Assert.StartsWith("process start → READY + commands registered (build)", Row(table, "process start").Measure);
    }

    [Fact]
    public async Task A_fan_out_posts_once_per_channel_without_429s()
    {
        var table = new ResultTable();

        await DailyFanOut.RunAsync(Tiny, table);

        var counts = Row(table, "20 channels: posts");
        Assert.Equal(("20 · 0 · 0", Verdict.Met), (counts.Value, counts.Verdict));
    }

    [Fact]
    public async Task Answers_leave_the_exact_state()
    {
        var table = new ResultTable();

        await AnswerBurst.RunAsync(Tiny, table);

        Assert.StartsWith("exact: 100 stored, 100 streaks of 1, top 10 in order: True, post says \"100 members answered\"", Row(table, "exact state").Value);
        Assert.Equal(Verdict.Met, Row(table, "50 members within 1 s").Verdict);
    }

    [Fact]
    public async Task Interactions_and_answers_run_on_PostgreSQL_or_say_why_not()
    {
        var table = new ResultTable();

        await OnPostgres.RunAsync(Tiny with { PostgresRates = [50] }, table);

        if (LocalPostgres.Binaries() is null)
        {
            Assert.StartsWith("PostgreSQL is not installed", Row(table, "skipped").Value);
            return;
        }
        Assert.EndsWith(" · 0", Row(table, "7 · PostgreSQL · 1 · interactions", "50/s: handled/s").Value);
        Assert.StartsWith("exact: 100 stored, 100 streaks of 1, top 10 in order: True, post says \"100 members answered\"",
            Row(table, "7 · PostgreSQL · 3 · answers", "exact state").Value);
    }

    [Fact]
    public async Task Board_queries_and_the_footprint_run_on_a_seeded_database()
    {
        var table = new ResultTable();
        await using var emulator = await DiscordEmulator.StartAsync(new EmulatorOptions());

        var seeded = await BoardQueries.RunAsync(Tiny, table, emulator);
        try
        {
            await Footprint.RunAsync(Tiny, table, emulator, seeded, afterLoad: null);
        }
        finally
        {
            EmulatedBot.DeleteDatabase(seeded.Path);
        }

        // Member i answered 1 + i mod 10 days: 20 members of each length 1..10.
        Assert.Equal((200, 20 * 55), (seeded.Members, seeded.Answers));
        Assert.Equal("/leaderboard (5 queries, one at a time)", Row(table, "/leaderboard (").Measure);
        Assert.Equal("/streak (5 queries, one at a time)", Row(table, "/streak (").Measure);
        Assert.Contains("MiB", Row(table, "working set, idle").Value);
        Assert.True(seeded.Bytes > 0);
    }
}
