using MlePrep.Bot.Emulated;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Rest;

namespace MlePrep.Bench.Scenarios;

/// <summary>
/// Scenario 5: the bot as its own process (<c>dotnet MlePrep.Bot.dll</c>, configured through environment variables), so its
/// start time and working set are its own and not the emulator's, which stays in this process.
/// </summary>
internal static class Footprint
{
    private const string Name = "5 · footprint";
    private const double MiB = 1024 * 1024;

    public static async Task RunAsync(BenchOptions options, ResultTable table, DiscordEmulator emulator, SeededDatabase seeded, long? afterLoad)
    {
        var guild = emulator.Rest.AddGuild("Footprint server");
        var fresh = EmulatedBot.NewDatabasePath();
        try
        {
            // Discord allows one IDENTIFY per 5 s (max_concurrency 1), and scenario 4's bot identified on this emulator.
            await Task.Delay(TimeSpan.FromSeconds(5.5));
            await using (var bot = await BotProcess.StartAsync(emulator, guild, fresh))
            {
                table.Add(Name, "process start → READY + commands registered", $"{bot.StartToReady.TotalMilliseconds:0} ms", "≤ 2 s",
                    bot.StartToReady <= TimeSpan.FromSeconds(2));
                await Task.Delay(options.IdleWait);
                var idle = bot.WorkingSet();
                table.Add(Name, $"working set, idle ({options.IdleWait.TotalSeconds:0} s after READY)", $"{idle / MiB:0} MiB", "≤ 120 MB", idle <= 120_000_000);
            }

            if (afterLoad is { } loaded)
            {
                table.Add(Name, "working set after scenario 1 (its bot process, after the highest rate)", $"{loaded / MiB:0} MiB");
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
            EmulatedBot.DeleteDatabase(fresh);
        }
    }
}
