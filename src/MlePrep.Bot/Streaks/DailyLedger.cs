using MlePrep.Bot.Scheduling;

namespace MlePrep.Bot.Streaks;

/// <summary>
/// What streaks read of the daily feature: schedules and the posted part of the occurrence ledger. The scheduler
/// owns and writes both; streaks only read, so nothing here can disturb posting.
/// </summary>
public sealed class DailyLedger(DailyStore store)
{
    public IReadOnlyList<DailySchedule> SchedulesOf(ulong guildId) => store.SchedulesOf(guildId);

    public DailySchedule? Schedule(ulong channelId) => store.Schedule(channelId);

    public DailyOccurrence? Occurrence(string id) => store.Occurrence(id);

    /// <summary>A channel's posted occurrences, oldest first. Pending, failed and skipped ones do not exist for streaks.</summary>
    public IReadOnlyList<OccurrenceView> Posted(ulong channelId) =>
        store.OccurrencesOf(channelId)
            .Where(o => o.Status == OccurrenceStatus.Posted && o.PostedAt is not null)
            .Select(o => new OccurrenceView(o.Id, Utc(o.PostedAt!.Value)))
            .OrderBy(o => o.PostedAt)
            .ThenBy(o => o.Id, StringComparer.Ordinal)
            .ToList();

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
