using System.Diagnostics;
using MlePrep.Bench;
using MlePrep.Bench.Scenarios;
using MlePrep.Bot.Emulated;
using MlePrep.Discord.Emulator;

var options = BenchOptions.FromArgs(args);
var table = new ResultTable();
var at = DateTimeOffset.UtcNow;
var took = Stopwatch.StartNew();

Console.WriteLine($"MlePrep.Bench ({(options.Quick ? "--quick" : "full")}), {Environment.ProcessorCount} cores");
long? workingSetAfterLoad = null;
if (options.Scenarios.Contains(1))
{
    Console.WriteLine("Scenario 1: interaction latency and throughput");
    workingSetAfterLoad = await InteractionLoad.RunAsync(options, table);
}
if (options.Scenarios.Contains(6))
{
    Console.WriteLine("Scenario 6: cold start");
    await ColdStart.RunAsync(options, table);
}
if (options.Scenarios.Contains(2))
{
    Console.WriteLine("Scenario 2: daily fan-out");
    await DailyFanOut.RunAsync(options, table);
}
if (options.Scenarios.Contains(3))
{
    Console.WriteLine("Scenario 3: answers and streaks");
    await AnswerBurst.RunAsync(options, table);
}
if (options.Scenarios.Contains(7))
{
    Console.WriteLine("Scenario 7: interactions and answers on PostgreSQL");
    await OnPostgres.RunAsync(options, table);
}
if (options.Scenarios.Contains(4))
{
    // Scenarios 4 and 5 share an emulator, so the bot process of 5 finds the guild and channel the database of 4 was seeded for.
    await using var emulator = await DiscordEmulator.StartAsync(new EmulatorOptions());
    Console.WriteLine("Scenario 4: leaderboard and streak queries");
    var seeded = await BoardQueries.RunAsync(options, table, emulator);
    try
    {
        if (options.Scenarios.Contains(5))
        {
            Console.WriteLine("Scenario 5: footprint");
            await Footprint.RunAsync(options, table, emulator, seeded, workingSetAfterLoad);
        }
    }
    finally
    {
        EmulatedBot.DeleteDatabase(seeded.Path);
    }
}

var markdown = table.ToMarkdown(options.Quick, at, took.Elapsed);
Console.WriteLine();
Console.WriteLine(markdown);
var results = Path.Combine(BotRepository.Root, "bench", "results");
Directory.CreateDirectory(results);
await File.WriteAllTextAsync(Path.Combine(results, "latest.md"), markdown);
Console.WriteLine($"Written to {Path.Combine(results, "latest.md")}");
return 0;
