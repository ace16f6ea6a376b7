namespace MlePrep.Bot.Answers;

/// <summary>
/// <c>streaks repair [settings]</c>: derives every member's streak state in every daily channel from the ledger and
/// the answers, prints each stored state that differs, and stores the derived one. Exit codes: 0 done, 64 usage.
/// </summary>
public static class StreaksCli
{
    // A damaged database could differ for every member; the count says how many, these lines show what.
    internal const int MaxListedPerChannel = 20;

    public static bool Handles(string[] args) => args is ["streaks", ..];

    /// <summary>The settings arguments after the command.</summary>
    public static string[] HostArgs(string[] args) => args.Length > 2 ? args[2..] : [];

    public static bool IsUsage(string[] args, TextWriter errors)
    {
        if (args is ["streaks", "repair", ..])
        {
            return false;
        }
        errors.WriteLine("Usage: streaks repair [--Storage:DatabasePath <database>]");
        return true;
    }

    public static async Task<int> RepairAsync(DailyLedger ledger, StreakService streaks, TextWriter output)
    {
        var total = 0;
        var channels = (await ledger.AllSchedulesAsync()).Select(s => s.ChannelId).Order().ToList();
        foreach (var channel in channels)
        {
            var differences = await streaks.RepairAsync(channel);
            total += differences.Count;
            output.WriteLine(differences.Count == 0
                ? $"channel {channel}: every stored streak matches the ledger"
                : $"channel {channel}: {differences.Count} member(s) differed from the ledger; fixed");
            foreach (var difference in differences.Take(MaxListedPerChannel))
            {
                output.WriteLine($"  member {difference.UserId}: stored {Describe(difference.Stored)} → derived {Describe(difference.Derived)}");
            }
            if (differences.Count > MaxListedPerChannel)
            {
                output.WriteLine($"  …and {differences.Count - MaxListedPerChannel} more");
            }
        }
        output.WriteLine($"{channels.Count} daily channel(s) checked, {total} streak state(s) fixed.");
        return 0;
    }

    private static string Describe(MemberStreak? s) => s is null
        ? "none"
        : $"current {s.Current}, best {s.Best}, freezes {s.FreezesHeld} held {s.FreezesUsed} used, {s.Answered} answered, last {s.LastOccurrenceId} (#{s.LastIndex})";
}
