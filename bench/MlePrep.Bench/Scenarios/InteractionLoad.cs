using MlePrep.Discord.Emulator.Rest;

namespace MlePrep.Bench.Scenarios;

/// <summary>
/// Scenario 1: /question and Hint clicks, half and half, injected open-loop at each rate. Each rate gets a fresh bot and
/// emulator (the emulator keeps every request, which would otherwise weigh on later rounds) and one second of warm-up.
/// </summary>
internal static class InteractionLoad
{
    private const string Name = "1 · interactions";
    private const int Channels = 50;
    private const double TargetRate = 1000;
    private const double TargetP99Ms = 20;

    public static async Task RunAsync(BenchOptions options, ResultTable table)
    {
        var sustained = 0;
        foreach (var rate in options.InteractionRates)
        {
            var result = await RunRateAsync(rate, options.InteractionDuration);
            var ok = result.Missed == 0 && result.Latency.P99 < 50 && result.HandledRate >= rate * 0.95;
            sustained = ok ? Math.Max(sustained, rate) : sustained;
            var meetsTarget = rate >= TargetRate ? result.Latency.P99 <= TargetP99Ms && result.HandledRate >= rate * 0.95 : (bool?)null;
            table.Add(Name, $"{rate}/s × {options.InteractionDuration.TotalSeconds:0} s: latency", result.Latency.Summary,
                rate >= TargetRate ? $"p99 ≤ {TargetP99Ms} ms" : "", meetsTarget);
            table.Add(Name, $"{rate}/s: handled/s · missed 3 s deadlines", $"{result.HandledRate:0} · {result.Missed}", "missed = 0", result.Missed == 0);
        }
        table.Add(Name, "highest sustained rate with p99 < 50 ms", $"{sustained}/s", "≥ 1000/s", sustained >= TargetRate);
    }

    private static async Task<LoadResult> RunRateAsync(int rate, TimeSpan duration)
    {
        await using var bot = await BenchBot.StartAsync();
        // One question per channel to click Hint on; many channels keep the emulator's per-channel message scan short.
        var channels = Enumerable.Range(0, Channels).Select(i => bot.Discord.AddChannel(bot.GuildId, name: $"practice-{i}")).ToArray();
        var posts = new (ulong Channel, ulong Message)[Channels];
        for (var i = 0; i < Channels; i++)
        {
            var posted = await bot.Discord.InjectInteractionAsync(InteractionSpec.SlashCommand("question", new Dictionary<string, object> { ["id"] = "Q3" })
                .InGuild(bot.GuildId, channels[i]));
            posts[i] = (channels[i], (await posted.WaitForOriginalAsync().WaitAsync(TimeSpan.FromSeconds(10))).Id);
        }

        InteractionSpec Spec(int i)
        {
            var (channel, message) = posts[i % Channels];
            var member = 1_200_000_000_000_000_000UL + (ulong)(i % 5_000);
            var spec = i % 2 == 0
                ? InteractionSpec.SlashCommand("question")
                : InteractionSpec.Button($"hint:Q3:{1 + i / 2 % 3}", message);
            return spec.InGuild(bot.GuildId, channel).By(member, $"member{i % 5_000}");
        }

        await Load.MeasureAsync(await Load.OpenLoopAsync(bot.Discord, 200, 200, Spec));
        return await Load.MeasureAsync(await Load.OpenLoopAsync(bot.Discord, rate, (int)(rate * duration.TotalSeconds), Spec));
    }
}
