using MlePrep.Bot.Emulated;
using Npgsql;

namespace MlePrep.Bench.Scenarios;

/// <summary>
/// Scenario 7: scenarios 1 and 3 with the bot's storage on PostgreSQL instead of a LiteDB file. The bench starts its own
/// server (<see cref="LocalPostgres"/>, fsync on, as a real one runs) on loopback, so the server shares the two cores
/// with the bot, the emulator and the load; every run gets a fresh database. Skipped, with a row saying so, when
/// PostgreSQL is not installed.
/// </summary>
internal static class OnPostgres
{
    public const string Name = "7 · PostgreSQL";

    public static async Task RunAsync(BenchOptions options, ResultTable table)
    {
        if (LocalPostgres.Binaries() is null)
        {
            table.Add(Name, "skipped", "PostgreSQL is not installed (apt-get install postgresql): no PostgreSQL scenario ran");
            return;
        }
        await using var server = await LocalPostgres.StartAsync(durable: true);
        var databases = 0;
        async Task<Dictionary<string, string?>> FreshDatabaseAsync()
        {
            var name = $"bench_{++databases}";
            await server.AdminAsync($"CREATE DATABASE {name}");
            return new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "PostgreSql",
                ["Storage:ConnectionString"] = server.ConnectionString(name),
            };
        }

        Console.WriteLine("  interactions, bot on PostgreSQL");
        await InteractionLoad.RunAsync(options, table, options.PostgresRates, $"{Name} · {InteractionLoad.Name}", async () =>
            (await FreshDatabaseAsync()).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!));
        Console.WriteLine("  answers, bot on PostgreSQL");
        await AnswerBurst.RunAsync(options, table, $"{Name} · {AnswerBurst.Name}", await FreshDatabaseAsync());
        NpgsqlConnection.ClearAllPools();
    }
}
