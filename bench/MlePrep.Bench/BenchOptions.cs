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
    public IReadOnlySet<int> Scenarios { get; init; } = new HashSet<int> { 1, 2, 3, 4, 5 };

    public static BenchOptions Full { get; } = new(false, [200, 500, 1000], TimeSpan.FromSeconds(20), [1_000, 10_000], 10_000, TimeSpan.FromSeconds(60), 100_000, 365, 200);

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
        return options;
    }
}
