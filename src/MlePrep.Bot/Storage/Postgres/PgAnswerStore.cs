using MlePrep.Bot.Answers;
using Npgsql;
using static MlePrep.Bot.Storage.Postgres.PgCommands;

namespace MlePrep.Bot.Storage.Postgres;

/// <summary>
/// The PostgreSQL adapter of <see cref="IAnswerStore"/>: one row per member and occurrence (or question), kept so by
/// the key and an <c>INSERT … ON CONFLICT</c>, however many processes save at once. What ranks in a channel versions
/// <c>ranking_versions</c>, bumped in the transaction of the write.
/// </summary>
public sealed class PgAnswerStore(PostgresDatabase db) : IAnswerStore
{
    private const string Columns =
        "id, guild_id, user_id, channel_id, question_id, occurrence_id, text, hints_revealed, first_answered_at, updated_at, revisions";

    private const string StreakColumns =
        "channel_id, user_id, last_occurrence_id, last_index, current_streak, best_streak, freezes_held, freezes_used, answered, current_reached_at, best_reached_at";

    private const string BumpRanking =
        "INSERT INTO ranking_versions (channel_id, value) VALUES ($1, 1) ON CONFLICT (channel_id) DO UPDATE SET value = ranking_versions.value + 1";

    private readonly NpgsqlDataSource _source = db.Source;

    public async ValueTask<AnswerSaved> SaveAsync(AnswerSubmission s)
    {
        var id = Answer.Key(s.GuildId, s.UserId, s.OccurrenceId, s.QuestionId);
        // One statement, one commit: the answer and the versions of the channels whose ranking it changes. A
        // re-submission keeps member, occurrence and first time (text and hints do not rank), so it bumps nothing.
        // Two first saves at once may both bump: a version that changes without need only costs a rebuild.
        var saved = (await _source.Command(
            "WITH before AS (SELECT channel_id FROM answers WHERE id = $1), " +
            $"saved AS (INSERT INTO answers ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 1) " +
            "ON CONFLICT (id) DO UPDATE SET channel_id = excluded.channel_id, question_id = excluded.question_id, text = excluded.text, " +
            "hints_revealed = greatest(answers.hints_revealed, excluded.hints_revealed), updated_at = excluded.updated_at, " +
            $"revisions = answers.revisions + 1 RETURNING {Columns}, xmax = 0 AS inserted), " +
            "changed AS (SELECT saved.channel_id FROM saved WHERE saved.occurrence_id IS NOT NULL " +
            "AND saved.channel_id IS DISTINCT FROM (SELECT channel_id FROM before) " +
            "UNION SELECT before.channel_id FROM before, saved WHERE saved.occurrence_id IS NOT NULL AND before.channel_id <> saved.channel_id), " +
            "bumped AS (INSERT INTO ranking_versions (channel_id, value) SELECT channel_id, 1 FROM changed " +
            "ON CONFLICT (channel_id) DO UPDATE SET value = ranking_versions.value + 1) " +
            $"SELECT {Columns}, inserted FROM saved",
            id, Id(s.GuildId), Id(s.UserId), Id(s.ChannelId), s.QuestionId, s.OccurrenceId, s.Text, s.HintsRevealed, s.At.UtcDateTime)
            .ListAsync(r => (Answer: ReadAnswer(r), Inserted: r.GetBoolean(11))))[0];
        return new AnswerSaved(saved.Answer, Replaced: !saved.Inserted);
    }

    public async ValueTask<int> CountForAsync(string occurrenceId) =>
        (int)await _source.Command("SELECT count(*) FROM answers WHERE occurrence_id = $1", occurrenceId).LongAsync();

    public async ValueTask<IReadOnlyList<AnswerStamp>> DailyInAsync(ulong channelId) =>
        await _source.Command(
            "SELECT user_id, occurrence_id, first_answered_at FROM answers WHERE channel_id = $1 AND occurrence_id IS NOT NULL", Id(channelId))
            .ListAsync(ReadStamp);

    public async ValueTask<IReadOnlyList<AnswerStamp>> DailyInAsync(ulong channelId, ulong userId) =>
        await _source.Command(
            "SELECT user_id, occurrence_id, first_answered_at FROM answers WHERE channel_id = $1 AND user_id = $2 AND occurrence_id IS NOT NULL",
            Id(channelId), Id(userId)).ListAsync(ReadStamp);

    public async ValueTask<IReadOnlyList<Answer>> OfAsync(ulong userId) =>
        await _source.Command($"SELECT {Columns} FROM answers WHERE user_id = $1 ORDER BY id", Id(userId)).ListAsync(ReadAnswer);

    public async ValueTask<IReadOnlyList<Answer>> DeleteAllOfAsync(ulong userId)
    {
        await using var connection = await _source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var deleted = await connection.Command($"DELETE FROM answers WHERE user_id = $1 RETURNING {Columns}", Id(userId)).ListAsync(ReadAnswer);
        await connection.Command("DELETE FROM streak_state WHERE user_id = $1", Id(userId)).RunAsync();
        foreach (var channel in deleted.Where(a => a.OccurrenceId is not null).Select(a => a.ChannelId).Distinct().Order())
        {
            await connection.Command(BumpRanking, Id(channel)).RunAsync();
        }
        await transaction.CommitAsync();
        return deleted;
    }

    public async ValueTask<long> RankingVersionAsync(ulong channelId) =>
        await _source.Command("SELECT value FROM ranking_versions WHERE channel_id = $1", Id(channelId)).LongAsync();

    public async ValueTask<MemberStreak?> StreakAsync(ulong channelId, ulong userId) =>
        await _source.Command($"SELECT {StreakColumns} FROM streak_state WHERE channel_id = $1 AND user_id = $2", Id(channelId), Id(userId))
            .SingleAsync(ReadStreak);

    public async ValueTask<IReadOnlyList<MemberStreak>> StreaksInAsync(ulong channelId) =>
        await _source.Command($"SELECT {StreakColumns} FROM streak_state WHERE channel_id = $1", Id(channelId)).ListAsync(ReadStreak);

    public async ValueTask ReplaceStreaksAsync(ulong channelId, IReadOnlyList<MemberStreak> save, IReadOnlyList<ulong> remove)
    {
        // One statement, so one round trip and one transaction with the version bump: a reader that sees the new version
        // sees the new states. The states go as one array per column (an answer's step is a row of one).
        await _source.Command(
            $"WITH saved AS (INSERT INTO streak_state ({StreakColumns}) " +
            "SELECT * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::integer[], $6::integer[], $7::integer[], $8::integer[], $9::integer[], " +
            "$10::integer[], $11::timestamptz[], $12::timestamptz[]) " +
            "ON CONFLICT (channel_id, user_id) DO UPDATE SET last_occurrence_id = excluded.last_occurrence_id, last_index = excluded.last_index, " +
            "current_streak = excluded.current_streak, best_streak = excluded.best_streak, freezes_held = excluded.freezes_held, freezes_used = excluded.freezes_used, " +
            "answered = excluded.answered, current_reached_at = excluded.current_reached_at, best_reached_at = excluded.best_reached_at), " +
            "removed AS (DELETE FROM streak_state WHERE channel_id = $1 AND user_id = ANY($13)) " +
            BumpRanking,
            Id(channelId), Column(save, s => Id(s.ChannelId)), Column(save, s => Id(s.UserId)), Column(save, s => s.LastOccurrenceId),
            Column(save, s => s.LastIndex), Column(save, s => s.Current), Column(save, s => s.Best), Column(save, s => s.FreezesHeld),
            Column(save, s => s.FreezesUsed), Column(save, s => s.Answered), Column(save, s => s.CurrentReachedAt.UtcDateTime),
            Column(save, s => s.BestReachedAt.UtcDateTime), remove.Select(u => Id(u)).ToArray()).RunAsync();
    }

    private static T[] Column<T>(IReadOnlyList<MemberStreak> states, Func<MemberStreak, T> value)
    {
        var column = new T[states.Count];
        for (var i = 0; i < column.Length; i++)
        {
            column[i] = value(states[i]);
        }
        return column;
    }

    private static MemberStreak ReadStreak(NpgsqlDataReader r) => new(
        r.UId(0), r.UId(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8),
        new DateTimeOffset(r.GetDateTime(9)), new DateTimeOffset(r.GetDateTime(10)));

    private static AnswerStamp ReadStamp(NpgsqlDataReader r) =>
        new(r.UId(0), r.GetString(1), new DateTimeOffset(r.GetDateTime(2)));

    private static Answer ReadAnswer(NpgsqlDataReader r) => new(
        r.GetString(0), r.UId(1), r.UId(2), r.UId(3), r.GetString(4), r.NullableString(5), r.GetString(6), r.GetInt32(7),
        new DateTimeOffset(r.GetDateTime(8)), new DateTimeOffset(r.GetDateTime(9)), r.GetInt32(10));
}
