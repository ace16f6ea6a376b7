using MlePrep.Bot.Scheduling;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Streaks;

/// <summary>
/// Read-only view of the daily feature's schedules and occurrence ledger. The scheduler owns and writes these
/// collections (and their indexes); streaks only read them, so nothing here can disturb posting.
/// </summary>
public sealed class DailyLedger(BotDatabase db)
{
    /// <summary>The scheduler's collection names; they must match what Scheduling writes.</summary>
    public const string SchedulesCollection = "daily_schedules";
    public const string OccurrencesCollection = "daily_occurrences";

    public IReadOnlyList<DailySchedule> SchedulesOf(ulong guildId) =>
        db.Collection<DailySchedule>(SchedulesCollection).Find(s => s.GuildId == guildId).OrderBy(s => s.Id).ToList();

    public DailySchedule? Schedule(ulong channelId) => db.Collection<DailySchedule>(SchedulesCollection).FindById((long)channelId);

    public DailyOccurrence? Occurrence(string id) => db.Collection<DailyOccurrence>(OccurrencesCollection).FindById(id);

    /// <summary>A channel's posted occurrences, oldest first. Pending, failed and skipped ones do not exist for streaks.</summary>
    public IReadOnlyList<OccurrenceView> Posted(ulong channelId) =>
        db.Collection<DailyOccurrence>(OccurrencesCollection)
            .Find(o => o.ChannelId == channelId && o.Status == OccurrenceStatus.Posted)
            .Where(o => o.PostedAt is not null)
            .Select(o => new OccurrenceView(o.Id, Utc(o.PostedAt!.Value)))
            .OrderBy(o => o.PostedAt)
            .ThenBy(o => o.Id, StringComparer.Ordinal)
            .ToList();

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
