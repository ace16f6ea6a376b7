using MlePrep.Bot.Daily;
using Npgsql;
using static MlePrep.Bot.Storage.Postgres.PgCommands;

namespace MlePrep.Bot.Storage.Postgres;

/// <summary>
/// The PostgreSQL adapter of <see cref="IDailyStore"/>. The database keeps a date to one occurrence (the key and a
/// unique (channel, local date)), whichever process adds it; every ledger write bumps <c>ledger_version</c> in the same
/// statement, so caches in every process see the change.
/// </summary>
public sealed class PgDailyStore(PostgresDatabase db) : IDailyStore
{
    private const string ScheduleColumns =
        "channel_id, guild_id, hour, minute, time_zone_id, days, category, ping_role_id, open_thread, paused, paused_reason, " +
        "consecutive_failures, set_by, set_at, rotation, rotation_index";

    private const string OccurrenceColumns =
        "id, channel_id, guild_id, local_date, due_at, status, posted_at, message_id, question_id, thread_id, late, reason, " +
        "attempts, last_attempt_at, transient, retry_at";

    private const string OccurrenceValues = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16";

    // The version row is updated by the statement that wrote the ledger: one commit, so no reader sees one without the other.
    private const string BumpLedger = "UPDATE ledger_version SET value = value + 1 WHERE EXISTS (SELECT 1 FROM written)";

    private readonly NpgsqlDataSource _source = db.Source;

    public async ValueTask<DailySchedule?> ScheduleAsync(ulong channelId) =>
        await _source.Command($"SELECT {ScheduleColumns} FROM daily_schedules WHERE channel_id = $1", Id(channelId)).SingleAsync(ReadSchedule);

    public async ValueTask<IReadOnlyList<DailySchedule>> SchedulesOfAsync(ulong guildId) =>
        await _source.Command($"SELECT {ScheduleColumns} FROM daily_schedules WHERE guild_id = $1 ORDER BY channel_id", Id(guildId)).ListAsync(ReadSchedule);

    public async ValueTask<IReadOnlyList<DailySchedule>> AllSchedulesAsync() =>
        await _source.Command($"SELECT {ScheduleColumns} FROM daily_schedules ORDER BY channel_id").ListAsync(ReadSchedule);

    public async ValueTask SaveAsync(DailySchedule s)
    {
        await _source.Command(
            $"INSERT INTO daily_schedules ({ScheduleColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) " +
            "ON CONFLICT (channel_id) DO UPDATE SET guild_id = excluded.guild_id, hour = excluded.hour, minute = excluded.minute, " +
            "time_zone_id = excluded.time_zone_id, days = excluded.days, category = excluded.category, ping_role_id = excluded.ping_role_id, " +
            "open_thread = excluded.open_thread, paused = excluded.paused, paused_reason = excluded.paused_reason, " +
            "consecutive_failures = excluded.consecutive_failures, set_by = excluded.set_by, set_at = excluded.set_at, " +
            "rotation = excluded.rotation, rotation_index = excluded.rotation_index",
            Id(s.ChannelId), Id(s.GuildId), s.Hour, s.Minute, s.TimeZoneId, (int)s.Days, s.Category, Id(s.PingRoleId), s.OpenThread,
            s.Paused, s.PausedReason, s.ConsecutiveFailures, Id(s.SetBy), Utc(s.SetAt), s.Rotation.ToArray(), s.RotationIndex).RunAsync();
    }

    public async ValueTask<bool> DeleteScheduleAsync(ulong channelId) =>
        await _source.Command("DELETE FROM daily_schedules WHERE channel_id = $1", Id(channelId)).RunAsync() > 0;

    public async ValueTask<DailyOccurrence?> OccurrenceAsync(string id) =>
        await _source.Command($"SELECT {OccurrenceColumns} FROM daily_occurrences WHERE id = $1", id).SingleAsync(ReadOccurrence);

    public async ValueTask SaveAsync(DailyOccurrence o)
    {
        await Bind(
            $"WITH written AS (INSERT INTO daily_occurrences ({OccurrenceColumns}) VALUES ({OccurrenceValues}) " +
            "ON CONFLICT (id) DO UPDATE SET channel_id = excluded.channel_id, guild_id = excluded.guild_id, local_date = excluded.local_date, " +
            "due_at = excluded.due_at, status = excluded.status, posted_at = excluded.posted_at, message_id = excluded.message_id, " +
            "question_id = excluded.question_id, thread_id = excluded.thread_id, late = excluded.late, reason = excluded.reason, " +
            "attempts = excluded.attempts, last_attempt_at = excluded.last_attempt_at, transient = excluded.transient, " +
            $"retry_at = excluded.retry_at RETURNING 1) {BumpLedger}", o).RunAsync();
    }

    public async ValueTask<bool> TryAddAsync(DailyOccurrence o) =>
        await Bind(
            $"WITH written AS (INSERT INTO daily_occurrences ({OccurrenceColumns}) VALUES ({OccurrenceValues}) " +
            $"ON CONFLICT DO NOTHING RETURNING 1) {BumpLedger}", o).RunAsync() > 0;

    public async ValueTask<IReadOnlyList<DailyOccurrence>> OccurrencesOfAsync(ulong channelId) =>
        await _source.Command($"SELECT {OccurrenceColumns} FROM daily_occurrences WHERE channel_id = $1 ORDER BY due_at, id", Id(channelId))
            .ListAsync(ReadOccurrence);

    public async ValueTask<DailyOccurrence?> LatestOccurrenceAsync(ulong channelId) =>
        await _source.Command($"SELECT {OccurrenceColumns} FROM daily_occurrences WHERE channel_id = $1 ORDER BY due_at DESC, id DESC LIMIT 1", Id(channelId))
            .SingleAsync(ReadOccurrence);

    public async ValueTask<long> OccurrencesVersionAsync() => await _source.Command("SELECT value FROM ledger_version").LongAsync();

    private NpgsqlCommand Bind(string sql, DailyOccurrence o) => _source.Command(sql,
        o.Id, Id(o.ChannelId), Id(o.GuildId), o.LocalDate, Utc(o.DueAt), (short)o.Status, Utc(o.PostedAt), Id(o.MessageId), o.QuestionId,
        Id(o.ThreadId), o.Late, o.Reason, o.Attempts, Utc(o.LastAttemptAt), o.Transient, Utc(o.RetryAt));

    private static DailySchedule ReadSchedule(NpgsqlDataReader r) => new()
    {
        ChannelId = r.UId(0), GuildId = r.UId(1), Hour = r.GetInt32(2), Minute = r.GetInt32(3), TimeZoneId = r.GetString(4),
        Days = (PostingDays)r.GetInt32(5), Category = r.NullableString(6), PingRoleId = r.NullableUId(7), OpenThread = r.GetBoolean(8),
        Paused = r.GetBoolean(9), PausedReason = r.NullableString(10), ConsecutiveFailures = r.GetInt32(11), SetBy = r.UId(12),
        SetAt = r.GetDateTime(13), Rotation = r.GetFieldValue<string[]>(14), RotationIndex = r.GetInt32(15),
    };

    private static DailyOccurrence ReadOccurrence(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0), ChannelId = r.UId(1), GuildId = r.UId(2), LocalDate = r.GetString(3), DueAt = r.GetDateTime(4),
        Status = (OccurrenceStatus)r.GetInt16(5), PostedAt = r.NullableDate(6), MessageId = r.NullableUId(7), QuestionId = r.NullableString(8),
        ThreadId = r.NullableUId(9), Late = r.GetBoolean(10), Reason = r.NullableString(11), Attempts = r.GetInt32(12),
        LastAttemptAt = r.NullableDate(13), Transient = r.GetBoolean(14), RetryAt = r.NullableDate(15),
    };
}
