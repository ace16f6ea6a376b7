namespace MlePrep.Bench;

/// <summary>How big each scenario is: the sizes, or a smoke-test cut that finishes in under two minutes.</summary>
internal sealed record BenchOptions(
    bool Quick,
    int[] InteractionRates,
    TimeSpan InteractionDuration,
    int[] FanOutChannels,
    int AnsweringMembers,
    TimeSpan AnswerWindow,
    int BoardMembers,
    int BoardDays,
    int QueryCount)
{
    /// <summary>How long the bot sits idle before its working set is read.</summary>
    public TimeSpan IdleWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Scenarios to run (<c>--only 1,3</c>); scenario 5 needs 4's database, so asking for 5 runs 4 too.</summary>
    public IReadOnlySet<int> Scenarios { get; init; } = new HashSet<int> { 1, 2, 3, 4, 5, 6, 7 };

    /// <summary>Rates of scenario 7's interactions on PostgreSQL.</summary>
    public int[] PostgresRates { get; init; } = [500, 1000];

    /// <summary>Interactions in each of scenario 6's bursts.</summary>
    public int ColdBurst { get; init; } = 4_000;

    /// <summary>The bot scenario 6 starts (<c>--bot path/MlePrep.Bot.dll</c>, e.g. a published layout); null for the build next to the bench.</summary>
    public string? BotAssembly { get; init; }

    /// <summary>Runtime settings for the bot processes of scenarios 1, 6 and 7's interactions only (<c>--bot-env DOTNET_TieredPGO=0</c>, repeatable).</summary>
    public IReadOnlyDictionary<string, string> BotEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Which bot scenario 6 ran, for the table.</summary>
    public string BotLabel => string.Join(", ", [BotAssembly is null ? "build" : Path.GetFileName(Path.GetDirectoryName(BotAssembly)) ?? BotAssembly,
        .. BotEnvironment.Select(e => $"{e.Key}={e.Value}")]);

    public static BenchOptions Full { get; } = new(false, [200, 500, 1000, 1500], TimeSpan.FromSeconds(20), [1_000, 10_000], 10_000, TimeSpan.FromSeconds(60), 100_000, 365, 200);

    public static BenchOptions QuickRun { get; } = new(true, [200, 500, 1000], TimeSpan.FromSeconds(4), [1_000], 2_000, TimeSpan.FromSeconds(12), 10_000, 365, 40);

    public static BenchOptions FromArgs(string[] args)
    {
        var options = args.Contains("--quick") ? QuickRun : Full;
        var only = Array.IndexOf(args, "--only");
        if (only >= 0 && only + 1 < args.Length)
        {
            var chosen = args[only + 1].Split(',').Select(int.Parse).ToHashSet();
            if (chosen.Contains(5))
            {
                chosen.Add(4);
            }
            options = options with { Scenarios = chosen };
        }
        var bot = Array.IndexOf(args, "--bot");
        if (bot >= 0 && bot + 1 < args.Length)
        {
            options = options with { BotAssembly = Path.GetFullPath(args[bot + 1]) };
        }
        var environment = args.Zip(args.Skip(1)).Where(p => p.First == "--bot-env" && p.Second.Contains('='))
            .Select(p => p.Second.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        if (environment.Count > 0)
        {
            options = options with { BotEnvironment = environment };
        }
        return options;
    }
}
