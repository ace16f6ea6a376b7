using System.Globalization;
using MlePrep.Bot.Daily;

namespace MlePrep.Bot.Answers;

/// <summary>
/// Streaks and board standings. Each member's streak state is kept up to date on each answer (<see cref="RecordAsync"/>)
/// and boards read it; a member's full history is derived from the ledger and their answers only for <c>/streak</c>,
/// for a state the ledger no longer matches, and by <see cref="RepairAsync"/>.
/// </summary>
public sealed class StreakService(DailyLedger ledger, IAnswerStore answers)
{
    // Ranking a board reads a state per member of the channel and sorts them. A board depends only on those states, the
    // answers (by month), the ledger and the month, so it is kept, ranked, until one of them changes; callers asking at
    // once share one ranking. A kept ranking holds a row per member (~4.4 MB at 100k), so only the most recently asked
    // boards are kept: a board per channel and sort of the busiest servers.
    internal const int MaxKeptRankings = 128;

    // Past this many states to derive again, one read of the channel's answers is cheaper than a read per member.
    private const int MaxMembersReadOneByOne = 32;

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
        if (sort == BoardSort.Month)
        {
            var zone = DailyRules.Zone(schedule);
            return (await answers.DailyInAsync(schedule.ChannelId)).GroupBy(a => a.UserId)
                .Select(g => (g.Key, Times: g.Select(a => a.AnsweredAt).Where(at => ScheduleTimes.SameMonth(at, now, zone)).Order().ToList()))
                .Where(m => m.Times.Count > 0)
                .Select(m => new Standing(m.Key, m.Times.Count, m.Times[^1]))
                .ToList();
        }

        var posted = await ledger.PostedAsync(schedule.ChannelId);
        return (await StatesInAsync(schedule.ChannelId, posted))
            .Select(m => (m.UserId, State: m.At(posted.Count)))
            .Select(m => sort == BoardSort.Best
                ? new Standing(m.UserId, m.State.Best, m.State.BestReachedAt ?? DateTimeOffset.MaxValue)
                : new Standing(m.UserId, m.State.Current, m.State.CurrentReachedAt ?? DateTimeOffset.MaxValue))
            .ToList();
    }

    /// <summary>
    /// Records a member's first answer to a posted occurrence in their stored streak: one step on top of the stored
    /// state, or (when the answer is older than it, or the ledger no longer matches it) the member derived again. An
    /// answer after the occurrence's window, or to an occurrence not posted, changes no streak. Returns the member's
    /// streak with this occurrence's outcome when the answer was one step on the stored state, as <see cref="OfAsync"/>
    /// would derive it; null otherwise, for the caller to derive.
    /// </summary>
    public async ValueTask<StreakState?> RecordAsync(ulong channelId, ulong userId, string occurrenceId, DateTimeOffset at)
    {
        var posted = await ledger.PostedAsync(channelId);
        var index = IndexOf(posted, occurrenceId);
        if (index < 0 || StreakCalculator.ClosedAt(posted, index) is { } closed && at >= closed)
        {
            return null;
        }
        var stored = await answers.StreakAsync(channelId, userId);
        if (stored is null || stored.Matches(posted) && index > stored.LastIndex)
        {
            var next = MemberStreak.After(stored, channelId, userId, occurrenceId, index, at);
            await answers.ReplaceStreaksAsync(channelId, [next], []);
            if (index < posted.Count - 1)
            {
                return null;
            }
            // An answer to the latest post: the streak is the row's, with this one outcome (deriving the member's whole
            // history for the reply cost a read of their answers per answer).
            var earned = next.FreezesHeld > (stored?.At(index + 1).FreezesHeld ?? 0);
            return new StreakState(next.Current, next.Best, next.FreezesHeld, next.FreezesUsed, next.Answered, next.CurrentReachedAt, next.BestReachedAt,
                [new OccurrenceResult(occurrenceId, posted[index].PostedAt, null, OccurrenceOutcome.Answered, next.Current, earned)]);
        }
        var derived = MemberStreak.Derive(channelId, userId, posted, await answers.DailyInAsync(channelId, userId));
        await answers.ReplaceStreaksAsync(channelId, derived is null ? [] : [derived], derived is null ? [userId] : []);
        return null;
    }

    /// <summary>
    /// Derives every member's state in a channel from the ledger and the answers, stores the ones that differ from the
    /// stored states and returns them (stored, derived; either null when there is none).
    /// </summary>
    public async Task<IReadOnlyList<StreakDifference>> RepairAsync(ulong channelId)
    {
        var posted = await ledger.PostedAsync(channelId);
        var stored = (await answers.StreaksInAsync(channelId)).ToDictionary(s => s.UserId);
        var derived = (await answers.DailyInAsync(channelId)).GroupBy(a => a.UserId)
            .Select(m => MemberStreak.Derive(channelId, m.Key, posted, m))
            .OfType<MemberStreak>()
            .ToDictionary(s => s.UserId);
        var differences = stored.Keys.Union(derived.Keys).Order()
            .Select(u => new StreakDifference(u, stored.GetValueOrDefault(u), derived.GetValueOrDefault(u)))
            .Where(d => d.Stored != d.Derived)
            .ToList();
        if (differences.Count > 0)
        {
            await answers.ReplaceStreaksAsync(channelId, differences.Select(d => d.Derived).OfType<MemberStreak>().ToList(),
                differences.Where(d => d.Derived is null).Select(d => d.UserId).ToList());
        }
        return differences;
    }

    /// <summary>The channel's stored states, with the ones the ledger no longer matches derived again (and stored).</summary>
    private async Task<IReadOnlyList<MemberStreak>> StatesInAsync(ulong channelId, IReadOnlyList<OccurrenceView> posted)
    {
        var states = await answers.StreaksInAsync(channelId);
        var stale = states.Where(s => !s.Matches(posted)).Select(s => s.UserId).ToHashSet();
        if (stale.Count == 0)
        {
            return states;
        }
        var stamps = stale.Count <= MaxMembersReadOneByOne
            ? (await Task.WhenAll(stale.Select(async u => await answers.DailyInAsync(channelId, u)))).SelectMany(a => a)
            : (await answers.DailyInAsync(channelId)).Where(a => stale.Contains(a.UserId));
        var derived = stamps.GroupBy(a => a.UserId)
            .Select(m => MemberStreak.Derive(channelId, m.Key, posted, m))
            .OfType<MemberStreak>()
            .ToList();
        await answers.ReplaceStreaksAsync(channelId, derived, stale.Except(derived.Select(d => d.UserId)).ToList());
        return [.. states.Where(s => !stale.Contains(s.UserId)), .. derived];
    }

    private static int IndexOf(IReadOnlyList<OccurrenceView> posted, string occurrenceId)
    {
        // Newest first: an answer is nearly always to the latest post.
        for (var i = posted.Count - 1; i >= 0; i--)
        {
            if (posted[i].Id == occurrenceId)
            {
                return i;
            }
        }
        return -1;
    }

    private static StreakState Compute(IReadOnlyList<OccurrenceView> posted, IEnumerable<AnswerStamp> memberAnswers) =>
        StreakCalculator.Compute(posted,
            StreakCalculator.InWindow(posted, memberAnswers.Select(a => new AnswerTime(a.OccurrenceId, a.AnsweredAt))));
}

/// <summary>A member whose stored streak state differs from the one derived from the ledger and their answers.</summary>
public sealed record StreakDifference(ulong UserId, MemberStreak? Stored, MemberStreak? Derived);
