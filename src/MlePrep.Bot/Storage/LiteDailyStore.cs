using LiteDB;
using MlePrep.Bot.Daily;

namespace MlePrep.Bot.Storage;

/// <summary>
/// The LiteDB adapter of <see cref="IDailyStore"/>: a document per channel's schedule (id = channel id) and per
/// occurrence (id = <see cref="DailyOccurrence.Key"/>), so a date is one document and can never be recorded twice.
/// </summary>
public sealed class LiteDailyStore : IDailyStore
{
    internal const string SchedulesCollection = "daily_schedules";
    internal const string OccurrencesCollection = "daily_occurrences";

    private readonly ILiteCollection<ScheduleDocument> _schedules;
    private readonly ILiteCollection<OccurrenceDocument> _occurrences;

    // LiteDB makes each operation atomic, not a find followed by an insert; this keeps TryAdd's check-then-insert whole.
    private readonly Lock _add = new();

    // In memory: this adapter is the file's only writer (one process per file).
    private long _occurrencesVersion;

    public LiteDailyStore(BotDatabase db)
    {
        _schedules = db.Collection<ScheduleDocument>(SchedulesCollection);
        _schedules.EnsureIndex(s => s.GuildId);
        _occurrences = db.Collection<OccurrenceDocument>(OccurrencesCollection);
        _occurrences.EnsureIndex(o => o.ChannelId);
        _occurrences.EnsureIndex(o => o.DueAt);
    }

    public ValueTask<DailySchedule?> ScheduleAsync(ulong channelId) =>
        ValueTask.FromResult(_schedules.FindById((long)channelId)?.ToSchedule());

    public ValueTask<IReadOnlyList<DailySchedule>> SchedulesOfAsync(ulong guildId) =>
        ValueTask.FromResult<IReadOnlyList<DailySchedule>>(
            _schedules.Find(s => s.GuildId == guildId).OrderBy(s => s.Id).Select(s => s.ToSchedule()).ToList());

    public ValueTask<IReadOnlyList<DailySchedule>> AllSchedulesAsync() =>
        ValueTask.FromResult<IReadOnlyList<DailySchedule>>(_schedules.FindAll().Select(s => s.ToSchedule()).ToList());

    public ValueTask SaveAsync(DailySchedule schedule)
    {
        _schedules.Upsert(ScheduleDocument.From(schedule));
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> DeleteScheduleAsync(ulong channelId) => ValueTask.FromResult(_schedules.Delete((long)channelId));

    public ValueTask<DailyOccurrence?> OccurrenceAsync(string id) => ValueTask.FromResult(_occurrences.FindById(id)?.ToOccurrence());

    public ValueTask SaveAsync(DailyOccurrence occurrence)
    {
        _occurrences.Upsert(OccurrenceDocument.From(occurrence));
        Interlocked.Increment(ref _occurrencesVersion);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> TryAddAsync(DailyOccurrence occurrence)
    {
        lock (_add)
        {
            if (_occurrences.FindById(occurrence.Id) is not null)
            {
                return ValueTask.FromResult(false);
            }
            _occurrences.Insert(OccurrenceDocument.From(occurrence));
        }
        Interlocked.Increment(ref _occurrencesVersion);
        return ValueTask.FromResult(true);
    }

    public ValueTask<IReadOnlyList<DailyOccurrence>> OccurrencesOfAsync(ulong channelId) =>
        ValueTask.FromResult<IReadOnlyList<DailyOccurrence>>(
            _occurrences.Find(o => o.ChannelId == channelId).OrderBy(o => o.DueAt).Select(o => o.ToOccurrence()).ToList());

    public ValueTask<DailyOccurrence?> LatestOccurrenceAsync(ulong channelId) =>
        ValueTask.FromResult(_occurrences.Find(o => o.ChannelId == channelId).OrderByDescending(o => o.DueAt).FirstOrDefault()?.ToOccurrence());

    public ValueTask<long> OccurrencesVersionAsync() => ValueTask.FromResult(Interlocked.Read(ref _occurrencesVersion));

    /// <summary>A <see cref="DailySchedule"/> as stored (the field names of existing files).</summary>
    private sealed class ScheduleDocument
    {
        public long Id { get; set; }
        public ulong GuildId { get; set; }
        public int Hour { get; set; }
        public int Minute { get; set; }
        public string TimeZoneId { get; set; } = "UTC";
        public PostingDays Days { get; set; } = PostingDays.EveryDay;
        public string? Category { get; set; }
        public ulong? PingRoleId { get; set; }
        public bool OpenThread { get; set; }
        public bool Paused { get; set; }
        public string? PausedReason { get; set; }
        public int ConsecutiveFailures { get; set; }
        public ulong SetBy { get; set; }
        public DateTime SetAt { get; set; }
        public List<string> Rotation { get; set; } = [];
        public int RotationIndex { get; set; }

        // Stored beside the id since the first files; kept so files written by this build read the same.
        public ulong ChannelId
        {
            get => (ulong)Id;
            set => Id = (long)value;
        }

        public static ScheduleDocument From(DailySchedule s) => new()
        {
            Id = (long)s.ChannelId, GuildId = s.GuildId, Hour = s.Hour, Minute = s.Minute, TimeZoneId = s.TimeZoneId, Days = s.Days,
            Category = s.Category, PingRoleId = s.PingRoleId, OpenThread = s.OpenThread, Paused = s.Paused, PausedReason = s.PausedReason,
            ConsecutiveFailures = s.ConsecutiveFailures, SetBy = s.SetBy, SetAt = s.SetAt, Rotation = [.. s.Rotation], RotationIndex = s.RotationIndex,
        };

        public DailySchedule ToSchedule() => new()
        {
            ChannelId = (ulong)Id, GuildId = GuildId, Hour = Hour, Minute = Minute, TimeZoneId = TimeZoneId, Days = Days,
            Category = Category, PingRoleId = PingRoleId, OpenThread = OpenThread, Paused = Paused, PausedReason = PausedReason,
            ConsecutiveFailures = ConsecutiveFailures, SetBy = SetBy, SetAt = SetAt, Rotation = Rotation.ToArray(),
            RotationIndex = RotationIndex,
        };
    }

    /// <summary>A <see cref="DailyOccurrence"/> as stored (the field names of existing files).</summary>
    internal sealed class OccurrenceDocument
    {
        public string Id { get; set; } = "";
        public ulong ChannelId { get; set; }
        public ulong GuildId { get; set; }
        public string LocalDate { get; set; } = "";
        public DateTime DueAt { get; set; }
        public OccurrenceStatus Status { get; set; }
        public DateTime? PostedAt { get; set; }
        public ulong? MessageId { get; set; }
        public string? QuestionId { get; set; }
        public ulong? ThreadId { get; set; }
        public bool Late { get; set; }
        public string? Reason { get; set; }
        public int Attempts { get; set; }
        public DateTime? LastAttemptAt { get; set; }
        public bool Transient { get; set; }
        public DateTime? RetryAt { get; set; }

        public static OccurrenceDocument From(DailyOccurrence o) => new()
        {
            Id = o.Id, ChannelId = o.ChannelId, GuildId = o.GuildId, LocalDate = o.LocalDate, DueAt = o.DueAt, Status = o.Status,
            PostedAt = o.PostedAt, MessageId = o.MessageId, QuestionId = o.QuestionId, ThreadId = o.ThreadId, Late = o.Late, Reason = o.Reason,
            Attempts = o.Attempts, LastAttemptAt = o.LastAttemptAt, Transient = o.Transient, RetryAt = o.RetryAt,
        };

        public DailyOccurrence ToOccurrence() => new()
        {
            Id = Id, ChannelId = ChannelId, GuildId = GuildId, LocalDate = LocalDate, DueAt = DueAt, Status = Status,
            PostedAt = PostedAt, MessageId = MessageId, QuestionId = QuestionId, ThreadId = ThreadId, Late = Late, Reason = Reason,
            Attempts = Attempts, LastAttemptAt = LastAttemptAt, Transient = Transient, RetryAt = RetryAt,
        };
    }
}
