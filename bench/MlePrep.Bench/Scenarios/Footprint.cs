using System.Diagnostics;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;

namespace MlePrep.Bench.Scenarios;

/// <summary>
/// Scenario 5: the bot as its own process (<c>dotnet MlePrep.Bot.dll</c>, configured through environment variables), so its
/// start time and working set are its own and not the emulator's, which stays in this process.
/// </summary>
internal static class Footprint
{
    private const string Name = "5 · footprint";
    private const double MiB = 1024 * 1024;

    public static async Task RunAsync(BenchOptions options, ResultTable table, DiscordEmulator emulator, SeededDatabase seeded)
    {
        var guild = emulator.Rest.AddGuild("Footprint server");
        var channel = emulator.Rest.AddChannel(guild, ChannelTypes.GuildText, "footprint");
        var fresh = BenchBot.TempDatabasePath();
        try
        {
            await using (var bot = await BotProcess.StartAsync(emulator, guild, fresh))
            {
                table.Add(Name, "process start → READY + commands registered", $"{bot.StartToReady.TotalMilliseconds:0} ms", "≤ 2 s",
                    bot.StartToReady <= TimeSpan.FromSeconds(2));
                await Task.Delay(TimeSpan.FromSeconds(5));
                var idle = bot.WorkingSet();
                table.Add(Name, "working set, idle (5 s after READY)", $"{idle / MiB:0} MiB", "≤ 120 MB", idle <= 120_000_000);

                var posted = await emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question", new Dictionary<string, object> { ["id"] = "Q3" })
                    .InGuild(guild, channel));
                var message = (await posted.WaitForOriginalAsync().WaitAsync(TimeSpan.FromSeconds(10))).Id;
                var load = await Load.MeasureAsync(await Load.OpenLoopAsync(emulator.Rest, 1000, (int)(1000 * options.InteractionDuration.TotalSeconds), i =>
                    (i % 2 == 0 ? InteractionSpec.SlashCommand("question") : InteractionSpec.Button($"hint:Q3:{1 + i / 2 % 3}", message))
                        .InGuild(guild, channel).By(1_200_000_000_000_000_000UL + (ulong)(i % 5_000), $"member{i % 5_000}")));
                await Task.Delay(TimeSpan.FromSeconds(2));
                table.Add(Name, $"working set after scenario 1's load (1000/s × {options.InteractionDuration.TotalSeconds:0} s, own process)",
                    $"{bot.WorkingSet() / MiB:0} MiB (load p99 {load.Latency.P99:0.0} ms)");
            }

            await using (var bot = await BotProcess.StartAsync(emulator, seeded.GuildId, seeded.Path))
            {
                foreach (var command in new[] { "leaderboard", "streak" })
                {
                    var query = await emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand(command).InGuild(seeded.GuildId, seeded.ChannelId));
                    await query.WaitForOriginalAsync().WaitAsync(TimeSpan.FromSeconds(30));
                }
                await Task.Delay(TimeSpan.FromSeconds(2));
                table.Add(Name, $"working set with the {seeded.Members:N0}-member database (after /leaderboard and /streak)",
                    $"{bot.WorkingSet() / MiB:0} MiB");
            }
            table.Add(Name, "LiteDB file size per 100k answers",
                $"{seeded.Bytes / (double)seeded.Answers * 100_000 / MiB:0.0} MiB ({seeded.Bytes / MiB:0} MiB for {seeded.Answers:N0} answers and {seeded.Members:N0} members)");
        }
        finally
        {
            BenchBot.DeleteDatabase(fresh);
        }
    }

    /// <summary>The bot in a child process; killed (its own process tree only) on dispose.</summary>
    private sealed class BotProcess(Process process, TimeSpan startToReady) : IAsyncDisposable
    {
        public TimeSpan StartToReady { get; } = startToReady;

        public static async Task<BotProcess> StartAsync(DiscordEmulator emulator, ulong guildId, string databasePath)
        {
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Repository.BotAssembly());
            foreach (var (key, value) in BenchBot.BotSettings(emulator, guildId, databasePath))
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
            var since = DateTimeOffset.UtcNow;
            var started = Stopwatch.GetTimestamp();
            var process = Process.Start(start)!;
            // Drain the pipes so a chatty child can never block on a full buffer; warnings and errors are shown as they come.
            process.OutputDataReceived += (_, e) => Echo(e.Data);
            process.ErrorDataReceived += (_, e) => Echo(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await emulator.Rest.WaitForRequestAsync(r => BenchBot.IsCommandRegistration(r) && r.Time >= since).WaitAsync(TimeSpan.FromSeconds(30));
            return new BotProcess(process, Stopwatch.GetElapsedTime(started));
        }

        private static void Echo(string? line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                Console.WriteLine($"    [bot] {line}");
            }
        }

        public long WorkingSet()
        {
            process.Refresh();
            return process.WorkingSet64;
        }

        public async ValueTask DisposeAsync()
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
