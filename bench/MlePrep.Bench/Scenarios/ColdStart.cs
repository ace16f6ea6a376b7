using System.Diagnostics;
using MlePrep.Bot.Emulated;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Rest;

namespace MlePrep.Bench.Scenarios;

/// <summary>
/// Scenario 6: the first seconds after a restart. A first bot process posts the questions to click Hint on, answers a
/// quarter burst (so the emulator in this process is past its own first calls) and stops; a second, fresh process on the
/// same database and emulator gets 4,000 interactions (/question and Hint, half and half) at 500/s from the moment it is
/// READY, with no warm-up, then the same again warm. The bot runs as <c>--bot</c> names it (default: the build next to
/// the bench), so a published layout can be measured the same way.
/// </summary>
internal static class ColdStart
{
    private const string Name = "6 · cold start";
    private const int Rate = 500;
    private const double TargetP99Ms = 25;
    private const double TargetCpuMs = 0.3;

    public static async Task RunAsync(BenchOptions options, ResultTable table)
    {
        await using var emulator = await DiscordEmulator.StartAsync(new EmulatorOptions());
        var guild = emulator.Rest.AddGuild("Cold start server");
        var database = EmulatedBot.NewDatabasePath();
        var burst = options.ColdBurst;
        try
        {
            Func<int, InteractionSpec> spec;
            await using (var first = await BotProcess.StartAsync(emulator, guild, database, options.BotAssembly, options.BotEnvironment))
            {
                spec = await InteractionLoad.MixAsync(emulator, guild);
                // The emulator runs in this process: its own first calls (the JIT of its callback paths) would be counted
                // against the fresh bot. The first bot takes them, with a quarter of the burst.
                await Load.MeasureAsync(await Load.OpenLoopAsync(emulator.Rest, Rate, burst / 4, spec));
            }
            // Discord allows one IDENTIFY per 5 s (max_concurrency 1): sooner, the fresh process's READY would wait for it.
            await Task.Delay(TimeSpan.FromSeconds(5.5));

            await using var bot = await BotProcess.StartAsync(emulator, guild, database, options.BotAssembly, options.BotEnvironment);
            // The CPU the start took tells the bot's own cost apart from a busy machine's waits.
            table.Add(Name, $"process start → READY + commands registered ({options.BotLabel})",
                $"{bot.StartToReady.TotalMilliseconds:0} ms ({bot.CpuTime().TotalMilliseconds:0} ms CPU)", "≤ 1.0 s", bot.StartToReady <= TimeSpan.FromSeconds(1));
            foreach (var phase in new[] { "cold, from READY", "warm, right after" })
            {
                var cpu = bot.CpuTime();
                var started = Stopwatch.GetTimestamp();
                var result = await Load.MeasureAsync(await Load.OpenLoopAsync(emulator.Rest, Rate, burst, spec));
                var perInteraction = (bot.CpuTime() - cpu).TotalMilliseconds / burst;
                var cold = phase.StartsWith("cold", StringComparison.Ordinal);
                table.Add(Name, $"{burst:N0} at {Rate}/s, {phase}: latency", result.Latency.Summary, cold ? $"p99 ≤ {TargetP99Ms} ms" : "",
                    cold ? result.Latency.P99 <= TargetP99Ms && result.Missed == 0 : null);
                table.Add(Name, $"{Rate}/s, {phase}: bot CPU per interaction · missed 3 s deadlines",
                    $"{perInteraction:0.00} ms ({(bot.CpuTime() - cpu).TotalSeconds / Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} cores) · {result.Missed}",
                    $"≤ {TargetCpuMs} ms", cold ? null : perInteraction <= TargetCpuMs && result.Missed == 0);
            }
        }
        finally
        {
            EmulatedBot.DeleteDatabase(database);
        }
    }
}
