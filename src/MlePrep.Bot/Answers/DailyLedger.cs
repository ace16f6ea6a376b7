using System.Collections.Concurrent;
using MlePrep.Bot.Daily;

namespace MlePrep.Bot.Answers;

/// <summary>
/// What streaks read of the daily feature: schedules and the posted part of the occurrence ledger. The scheduler
/// owns and writes both; streaks only read, so nothing here can disturb posting.
/// </summary>
public sealed class DailyLedger(IDailyStore store)
{
    // Every /streak and every answer reads the channel's posted ledger: a year is 365 entries, ~4 ms of storage. It only
    // changes when the ledger does, so recent reads are kept; bounded, since a ledger change anywhere makes them all stale.
    private const int MaxKeptChannels = 256;

    private readonly ConcurrentDictionary<ulong, (long Version, OccurrenceView[] Posted)> _posted = new();

    // Every answer reads its occurrence; the day's posts are few and change only when the ledger does. Kept the same way.
    private const int MaxKeptOccurrences = 1024;
    private readonly ConcurrentDictionary<string, (long Version, DailyOccurrence? Occurrence)> _occurrences = new(StringComparer.Ordinal);

    public ValueTask<IReadOnlyList<DailySchedule>> SchedulesOfAsync(ulong guildId) => store.SchedulesOfAsync(guildId);

    public async ValueTask<DailyOccurrence?> OccurrenceAsync(string id)
    {
        // Read before the ledger: a write in between leaves an entry that the next call finds stale.
        var version = await store.OccurrencesVersionAsync();
        if (_occurrences.TryGetValue(id, out var kept) && kept.Version == version)
        {
            return kept.Occurrence;
        }
        var occurrence = await store.OccurrenceAsync(id);
        if (_occurrences.Count >= MaxKeptOccurrences)
        {
            _occurrences.Clear();
        }
        _occurrences[id] = (version, occurrence);
        return occurrence;
    }

    /// <summary>Changes whenever the ledger does (any channel).</summary>
    public ValueTask<long> VersionAsync() => store.OccurrencesVersionAsync();

    /// <summary>Every daily schedule of every server.</summary>
    public ValueTask<IReadOnlyList<DailySchedule>> AllSchedulesAsync() => store.AllSchedulesAsync();

    /// <summary>The posted ones of a channel's occurrences, oldest first, as streaks order them.</summary>
    public static OccurrenceView[] Posted(IEnumerable<DailyOccurrence> occurrences) => occurrences
        .Where(o => o.Status == OccurrenceStatus.Posted && o.PostedAt is not null)
        .Select(o => new OccurrenceView(o.Id, DailyRules.Utc(o.PostedAt!.Value)))
        .OrderBy(o => o.PostedAt)
        .ThenBy(o => o.Id, StringComparer.Ordinal)
        .ToArray();

    /// <summary>A channel's posted occurrences, oldest first. Pending, failed and skipped ones do not exist for streaks.</summary>
    public async ValueTask<IReadOnlyList<OccurrenceView>> PostedAsync(ulong channelId)
    {
        // Read before the ledger: a write in between leaves an entry that the next call finds stale.
        var version = await store.OccurrencesVersionAsync();
        if (_posted.TryGetValue(channelId, out var kept) && kept.Version == version)
        {
            return kept.Posted;
        }
        var posted = Posted(await store.OccurrencesOfAsync(channelId));
        if (_posted.Count >= MaxKeptChannels)
        {
            _posted.Clear();
        }
        _posted[channelId] = (version, posted);
        return posted;
    }
}
