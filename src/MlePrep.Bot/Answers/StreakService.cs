using System.Globalization;
using MlePrep.Bot.Daily;

namespace MlePrep.Bot.Answers;

/// <summary>Derives streaks and board standings from the ledger and the stored answers, on demand.</summary>
public sealed class StreakService(DailyLedger ledger, IAnswerStore answers)
{
    // Deriving a board reads every daily answer of the channel (at 100k members, seconds). A board depends only on those
    // answers, the ledger and (by month) the month, so it is kept, ranked, until one of them changes; callers asking at
    // once share one derivation. A kept ranking holds a row per member (~10 MB at 100k), so only the most recently
    // asked boards are kept: a board per channel and sort of the busiest servers.
    internal const int MaxKeptRankings = 128;

    private readonly RankingCache<(ulong ChannelId, BoardSort Sort, string Month), (long Answers, long Ledger), Ranking> _rankings = new(MaxKeptRankings);

    /// <summary>The board of a channel for <paramref name="callerId"/>: the same as ranking <see cref="StandingsAsync"/>, without redoing it while nothing changed.</summary>
    public async Task<Board> BoardAsync(DailySchedule schedule, BoardSort sort, DateTimeOffset now, ulong callerId)
    {
        // Versions are read before the data: a write in between leaves an entry that the next call finds stale.
        var versions = (await answers.RankingVersionAsync(schedule.ChannelId), await ledger.VersionAsync());
        var month = sort == BoardSort.Month
            ? TimeZoneInfo.ConvertTime(now, DailyRules.Zone(schedule)).ToString("yyyy-MM", CultureInfo.InvariantCulture)
            : "";
        var ranking = await _rankings.GetOrAddAsync((schedule.ChannelId, sort, month), versions, async () => new Ranking(await StandingsAsync(schedule, sort, now)));
        return ranking.For(callerId);
    }

    /// <summary>How many boards are kept ranked.</summary>
    internal int KeptRankings => _rankings.Count;

    /// <summary>One member's streak in one daily channel.</summary>
    public async ValueTask<StreakState> OfAsync(ulong channelId, ulong userId)
    {
        var posted = await ledger.PostedAsync(channelId);
        return Compute(posted, await answers.DailyInAsync(channelId, userId));
    }

    /// <summary>Every member's standing in a channel, by <paramref name="sort"/>; month means this calendar month in the schedule's zone.</summary>
    public async Task<IReadOnlyList<Standing>> StandingsAsync(DailySchedule schedule, BoardSort sort, DateTimeOffset now)
    {
        var byMember = (await answers.DailyInAsync(schedule.ChannelId)).GroupBy(a => a.UserId);
        if (sort == BoardSort.Month)
        {
            var zone = DailyRules.Zone(schedule);
            return byMember
                .Select(g => (g.Key, Times: g.Select(a => a.AnsweredAt).Where(at => ScheduleTimes.SameMonth(at, now, zone)).Order().ToList()))
                .Where(m => m.Times.Count > 0)
                .Select(m => new Standing(m.Key, m.Times.Count, m.Times[^1]))
                .ToList();
        }

        var posted = await ledger.PostedAsync(schedule.ChannelId);
        return byMember
            .Select(g => (g.Key, State: Compute(posted, g)))
            .Select(m => sort == BoardSort.Best
                ? new Standing(m.Key, m.State.Best, m.State.BestReachedAt ?? DateTimeOffset.MaxValue)
                : new Standing(m.Key, m.State.Current, m.State.CurrentReachedAt ?? DateTimeOffset.MaxValue))
            .ToList();
    }

    private static StreakState Compute(IReadOnlyList<OccurrenceView> posted, IEnumerable<AnswerStamp> memberAnswers) =>
        StreakCalculator.Compute(posted,
            StreakCalculator.InWindow(posted, memberAnswers.Select(a => new AnswerTime(a.OccurrenceId, a.AnsweredAt))));
}
