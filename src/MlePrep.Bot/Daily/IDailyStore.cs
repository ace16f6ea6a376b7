namespace MlePrep.Bot.Daily;

/// <summary>Daily schedules (one per channel) and the occurrence ledger (one entry per channel and local date).</summary>
/// <remarks>
/// The contract every adapter keeps (checked by the shared daily-store contract tests):
/// <list type="bullet">
/// <item>One schedule per channel: saving a schedule replaces the channel's earlier one whole (an upsert).</item>
/// <item>One occurrence per (channel, local date), keyed by <see cref="DailyOccurrence.Key"/>: saving replaces the entry
/// with that id whole (an upsert); <see cref="TryAddAsync"/> inserts only when the ledger has no entry with that id,
/// and of concurrent adds of one id exactly one succeeds.</item>
/// <item>Deleting a schedule deletes only the schedule: the channel's occurrences stay (past posts and the streaks
/// derived from them are kept), and a schedule saved again for the channel finds them.</item>
/// <item><see cref="OccurrencesVersionAsync"/> changes after, never before, every write to the ledger, so a reader that
/// sees the new version also sees the new data.</item>
/// <item>What a call returns is a snapshot: later writes do not change it. Dates are UTC; an adapter may hand them back
/// with an unspecified kind (<see cref="DailyRules.Utc"/> reads them).</item>
/// </list>
/// Read-modify-write of one channel's schedule is not atomic here: callers hold the channel's lock around it.
/// </remarks>
public interface IDailyStore
{
    ValueTask<DailySchedule?> ScheduleAsync(ulong channelId);

    /// <summary>A server's schedules, by channel id.</summary>
    ValueTask<IReadOnlyList<DailySchedule>> SchedulesOfAsync(ulong guildId);

    ValueTask<IReadOnlyList<DailySchedule>> AllSchedulesAsync();

    /// <summary>Stores the schedule, replacing the channel's earlier one.</summary>
    ValueTask SaveAsync(DailySchedule schedule);

    /// <summary>Deletes the channel's schedule (not its occurrences); false if it had none.</summary>
    ValueTask<bool> DeleteScheduleAsync(ulong channelId);

    ValueTask<DailyOccurrence?> OccurrenceAsync(string id);

    /// <summary>Stores the occurrence, replacing the entry with its id.</summary>
    ValueTask SaveAsync(DailyOccurrence occurrence);

    /// <summary>Inserts the occurrence only if the ledger has none for that channel and date; false if it had one.</summary>
    ValueTask<bool> TryAddAsync(DailyOccurrence occurrence);

    /// <summary>The channel's occurrences, oldest due first.</summary>
    ValueTask<IReadOnlyList<DailyOccurrence>> OccurrencesOfAsync(ulong channelId);

    /// <summary>The channel's most recent occurrence by due time.</summary>
    ValueTask<DailyOccurrence?> LatestOccurrenceAsync(ulong channelId);

    /// <summary>Changes after every write to the ledger (any channel), so what is derived from it can tell it is stale without reading it.</summary>
    ValueTask<long> OccurrencesVersionAsync();
}
