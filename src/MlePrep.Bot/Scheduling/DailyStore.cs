using LiteDB;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Scheduling;

/// <summary>Daily schedules and the occurrence ledger. Synchronous LiteDB calls only (see <see cref="BotDatabase"/>).</summary>
public sealed class DailyStore
{
    private readonly ILiteCollection<DailySchedule> _schedules;
    private readonly ILiteCollection<DailyOccurrence> _occurrences;
    private long _occurrencesVersion;

    public DailyStore(BotDatabase db)
    {
        _schedules = db.Collection<DailySchedule>("daily_schedules");
        _schedules.EnsureIndex(s => s.GuildId);
        _occurrences = db.Collection<DailyOccurrence>("daily_occurrences");
        _occurrences.EnsureIndex(o => o.ChannelId);
        _occurrences.EnsureIndex(o => o.DueAt);
    }

    public DailySchedule? Schedule(ulong channelId) => _schedules.FindById((long)channelId);

    public IReadOnlyList<DailySchedule> SchedulesOf(ulong guildId) => _schedules.Find(s => s.GuildId == guildId).OrderBy(s => s.Id).ToList();

    public IReadOnlyList<DailySchedule> AllSchedules() => _schedules.FindAll().ToList();

    public void Save(DailySchedule schedule) => _schedules.Upsert(schedule);

    public bool DeleteSchedule(ulong channelId) => _schedules.Delete((long)channelId);

    public DailyOccurrence? Occurrence(string id) => _occurrences.FindById(id);

    public void Save(DailyOccurrence occurrence)
    {
        _occurrences.Upsert(occurrence);
        Interlocked.Increment(ref _occurrencesVersion);
    }

    /// <summary>Changes after every write to the ledger, so what is derived from it (boards) can tell it is stale without reading it.</summary>
    public long OccurrencesVersion => Interlocked.Read(ref _occurrencesVersion);

    /// <summary>Inserts the occurrence only if the ledger has none for that channel and date.</summary>
    public bool TryAdd(DailyOccurrence occurrence)
    {
        if (_occurrences.FindById(occurrence.Id) is not null)
        {
            return false;
        }
        _occurrences.Insert(occurrence);
        Interlocked.Increment(ref _occurrencesVersion);
        return true;
    }

    /// <summary>The channel's occurrences, oldest first.</summary>
    public IReadOnlyList<DailyOccurrence> OccurrencesOf(ulong channelId) =>
        _occurrences.Find(o => o.ChannelId == channelId).OrderBy(o => o.DueAt).ToList();

    /// <summary>The channel's most recent occurrence by due time.</summary>
    public DailyOccurrence? LatestOccurrence(ulong channelId) =>
        _occurrences.Find(o => o.ChannelId == channelId).OrderByDescending(o => o.DueAt).FirstOrDefault();
}
