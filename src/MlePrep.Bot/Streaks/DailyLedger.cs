using System.Collections.Concurrent;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Scheduling;

namespace MlePrep.Bot.Streaks;

/// <summary>
/// What streaks read of the daily feature: schedules and the posted part of the occurrence ledger. The scheduler
/// owns and writes both; streaks only read, so nothing here can disturb posting.
/// </summary>
public sealed class DailyLedger(DailyStore store)
{
    // Every /streak and every answer reads the channel's posted ledger: a year is 365 documents, ~4 ms of LiteDB. It only
    // changes when the ledger does, so recent reads are kept; bounded, since a ledger change anywhere makes them all stale.
    private const int MaxKeptChannels = 256;

    private readonly ConcurrentDictionary<ulong, (long Version, OccurrenceView[] Posted)> _posted = new();

    public IReadOnlyList<DailySchedule> SchedulesOf(ulong guildId) => store.SchedulesOf(guildId);

    public DailySchedule? Schedule(ulong channelId) => store.Schedule(channelId);

    public DailyOccurrence? Occurrence(string id) => store.Occurrence(id);

    /// <summary>Changes whenever the ledger does (any channel).</summary>
    public long Version => store.OccurrencesVersion;

    /// <summary>A channel's posted occurrences, oldest first. Pending, failed and skipped ones do not exist for streaks.</summary>
    public IReadOnlyList<OccurrenceView> Posted(ulong channelId)
    {
        // Read before the ledger: a write in between leaves an entry that the next call finds stale.
        var version = store.OccurrencesVersion;
        if (_posted.TryGetValue(channelId, out var kept) && kept.Version == version)
        {
            return kept.Posted;
        }
        var posted = store.OccurrencesOf(channelId)
            .Where(o => o.Status == OccurrenceStatus.Posted && o.PostedAt is not null)
            .Select(o => new OccurrenceView(o.Id, Utc(o.PostedAt!.Value)))
            .OrderBy(o => o.PostedAt)
            .ThenBy(o => o.Id, StringComparer.Ordinal)
            .ToArray();
        if (_posted.Count >= MaxKeptChannels)
        {
            _posted.Clear();
        }
        _posted[channelId] = (version, posted);
        return posted;
    }

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
