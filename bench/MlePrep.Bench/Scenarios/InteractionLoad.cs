using MlePrep.Bot.Emulated;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;

namespace MlePrep.Bench.Scenarios;

/// <summary>
/// Scenario 1: /question and Hint clicks, half and half, injected open-loop at each rate. The bot runs as its own process
/// here: the emulator keeps every request, message and interaction it saw, and sharing a heap with that made GC pauses of
/// ~50 ms (measured: 12 gen1 collections, 680 ms paused in 4 s at 1000/s) land on the bot. Each rate gets a fresh
/// emulator and bot, and two seconds of warm-up that are not measured.
/// </summary>
internal static class InteractionLoad
{
    public const string Name = "1 · interactions";
    private const int Channels = 50;
    private const double TargetRate = 1000;
    private const int TargetSustained = 1500;
    private const double TargetP99Ms = 20;

    /// <summary>
    /// Runs every rate; returns the bot's working set after the last (highest) one. <paramref name="storage"/> gives the
    /// bot's storage settings for each rate (a fresh database each); null is a fresh LiteDB file.
    /// </summary>
    public static async Task<long> RunAsync(BenchOptions options, ResultTable table, IReadOnlyList<int>? rates = null, string name = Name,
        Func<Task<IReadOnlyDictionary<string, string>>>? storage = null)
    {
        var sustained = 0;
        long workingSet = 0;
        foreach (var rate in rates ?? options.InteractionRates)
        {
            var environment = new Dictionary<string, string>(options.BotEnvironment);
            foreach (var (key, value) in storage is null ? new Dictionary<string, string>() : await storage())
            {
                environment[key] = value;
            }
            var (result, clear, cpu, set) = await RunRateAsync(rate, options.InteractionDuration, environment);
            workingSet = set;
            var ok = result.Missed == 0 && result.Latency.P99 < 50 && result.HandledRate >= rate * 0.95;
            sustained = ok ? Math.Max(sustained, rate) : sustained;
            var meetsTarget = rate >= TargetRate ? result.Latency.P99 <= TargetP99Ms && result.HandledRate >= rate * 0.95 : (bool?)null;
            table.Add(name, $"{rate}/s × {options.InteractionDuration.TotalSeconds:0} s: latency", result.Latency.Summary,
                rate >= TargetRate ? $"p99 ≤ {TargetP99Ms} ms" : "", meetsTarget);
            table.Add(name, $"{rate}/s: latency of the {clear.Count / (double)Math.Max(1, result.Answered):P0} not caught in an emulator GC pause", clear.Summary);
            table.Add(name, $"{rate}/s: handled/s · missed 3 s deadlines", $"{result.HandledRate:0} · {result.Missed}", "missed = 0", result.Missed == 0);
            table.Add(name, $"{rate}/s: CPU used (of {Environment.ProcessorCount} cores)", cpu);
        }
        table.Add(name, "highest sustained rate with p99 < 50 ms", $"{sustained}/s", $"≥ {TargetSustained}/s", sustained >= TargetSustained);
        return workingSet;
    }

    /// <summary>
    /// Posts one question per channel to click Hint on (many channels keep the emulator's per-channel message scan
    /// short), and returns the mix: the i-th interaction is /question or a Hint click, half and half.
    /// </summary>
    public static async Task<Func<int, InteractionSpec>> MixAsync(DiscordEmulator emulator, ulong guild)
    {
        var channels = Enumerable.Range(0, Channels).Select(i => emulator.Rest.AddChannel(guild, ChannelTypes.GuildText, $"practice-{i}")).ToArray();
        var posts = new ulong[Channels];
        for (var i = 0; i < Channels; i++)
        {
            var posted = await emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question", new Dictionary<string, object> { ["id"] = "Q3" })
                .InGuild(guild, channels[i]));
            posts[i] = (await posted.WaitForOriginalAsync().WaitAsync(TimeSpan.FromSeconds(10))).Id;
        }
        return i =>
        {
            var member = 1_200_000_000_000_000_000UL + (ulong)(i % 5_000);
            var spec = i % 2 == 0
                ? InteractionSpec.SlashCommand("question")
                : InteractionSpec.Button($"hint:Q3:{1 + i / 2 % 3}", posts[i % Channels]);
            return spec.InGuild(guild, channels[i % Channels]).By(member, $"member{i % 5_000}");
        };
    }

    private static async Task<(LoadResult Result, Latency Clear, string Cpu, long WorkingSet)> RunRateAsync(int rate, TimeSpan duration,
        IReadOnlyDictionary<string, string> environment)
    {
        await using var emulator = await DiscordEmulator.StartAsync(new EmulatorOptions());
        var guild = emulator.Rest.AddGuild("Load server");
        var database = EmulatedBot.NewDatabasePath();
        try
        {
            await using var bot = await BotProcess.StartAsync(emulator, guild, database, environment: environment);
            var Spec = await MixAsync(emulator, guild);

            // Warm-up: the JIT's second tier and the pools settle before anything is measured.
            await Load.MeasureAsync(await Load.OpenLoopAsync(emulator.Rest, Math.Min(rate, 500), Math.Min(rate, 500) * 2, Spec));
            using var pauses = new GcPauses();
            var gc = GcSnapshot.Take();
            var botCpu = bot.CpuTime();
            var benchCpu = Environment.CpuUsage.TotalTime;
            var started = DateTimeOffset.UtcNow;
            var injected = await Load.OpenLoopAsync(emulator.Rest, rate, (int)(rate * duration.TotalSeconds), Spec);
            var result = await Load.MeasureAsync(injected);
            var wall = (DateTimeOffset.UtcNow - started).TotalSeconds;
            // Runtime events arrive a little late; give the last pauses time to be recorded.
            await Task.Delay(TimeSpan.FromSeconds(1));
            var clear = Latency.Of(injected
                .Where(i => i.CallbackTimestamp != 0 && !pauses.Overlaps(i.SentTimestamp, i.CallbackTimestamp))
                .Select(i => Latency.Milliseconds(i.SentTimestamp, i.CallbackTimestamp)));
            var botSeconds = (bot.CpuTime() - botCpu).TotalSeconds;
            var cpu = $"bot {botSeconds / wall:0.00} cores ({botSeconds * 1000 / Math.Max(1, result.Answered):0.00} ms per interaction) · emulator and load {(Environment.CpuUsage.TotalTime - benchCpu).TotalSeconds / wall:0.00} cores; " +
                      $"emulator GC {gc.Since()}";
            await Task.Delay(TimeSpan.FromSeconds(2));
            return (result, clear, cpu, bot.WorkingSet());
        }
        finally
        {
            EmulatedBot.DeleteDatabase(database);
        }
    }
}

/// <summary>Collections and pause time in this process, to tell GC pauses from other work in a latency tail.</summary>
internal sealed record GcSnapshot(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcSnapshot Take() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public string Since()
    {
        var now = Take();
        return $"{now.Gen0 - Gen0} gen0 · {now.Gen1 - Gen1} gen1 · {now.Gen2 - Gen2} gen2, {(now.Paused - Paused).TotalMilliseconds:0} ms paused";
    }
}
