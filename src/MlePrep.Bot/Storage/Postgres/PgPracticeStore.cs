using MlePrep.Bot.Questions;
using Npgsql;
using static MlePrep.Bot.Storage.Postgres.PgCommands;

namespace MlePrep.Bot.Storage.Postgres;

/// <summary>
/// The PostgreSQL adapter of <see cref="IPracticeStore"/>: a row per reveal and per (channel, question) shown, each
/// written by one <c>INSERT … ON CONFLICT</c>, so concurrent writers in any process all land.
/// </summary>
public sealed class PgPracticeStore(PostgresDatabase db) : IPracticeStore
{
    private const string RevealColumns = "guild_id, user_id, question_id, rungs, first_revealed_at, last_revealed_at";

    private readonly NpgsqlDataSource _source = db.Source;

    public async ValueTask<HintReveal> RecordHintsAsync(ulong? guildId, ulong userId, string questionId, int rungs, DateTimeOffset now) =>
        (await _source.Command(
            $"INSERT INTO hint_reveals ({RevealColumns}) VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (guild_id, user_id, question_id) " +
            "DO UPDATE SET rungs = greatest(hint_reveals.rungs, excluded.rungs), last_revealed_at = excluded.last_revealed_at " +
            $"RETURNING {RevealColumns}",
            Id(guildId ?? 0), Id(userId), questionId, rungs, now.UtcDateTime).SingleAsync(ReadReveal))!;

    public async ValueTask<int> HintsRevealedAsync(ulong? guildId, ulong userId, string questionId) =>
        (int)await _source.Command("SELECT rungs::bigint FROM hint_reveals WHERE guild_id = $1 AND user_id = $2 AND question_id = $3",
            Id(guildId ?? 0), Id(userId), questionId).LongAsync();

    public async ValueTask<IReadOnlyList<HintReveal>> RevealsOfAsync(ulong userId) =>
        await _source.Command($"SELECT {RevealColumns} FROM hint_reveals WHERE user_id = $1 ORDER BY guild_id, question_id", Id(userId))
            .ListAsync(ReadReveal);

    public async ValueTask<int> DeleteRevealsOfAsync(ulong userId) =>
        await _source.Command("DELETE FROM hint_reveals WHERE user_id = $1", Id(userId)).RunAsync();

    public async ValueTask<IReadOnlyDictionary<string, DateTimeOffset>> ShownInAsync(ulong channelId) =>
        (await _source.Command("SELECT question_id, shown_at FROM channel_history WHERE channel_id = $1", Id(channelId))
            .ListAsync(r => (Question: r.GetString(0), At: new DateTimeOffset(r.GetDateTime(1)))))
        .ToDictionary(e => e.Question, e => e.At);

    public async ValueTask RecordShownAsync(ulong channelId, string questionId, DateTimeOffset now) =>
        await _source.Command(
            "INSERT INTO channel_history (channel_id, question_id, shown_at) VALUES ($1, $2, $3) " +
            "ON CONFLICT (channel_id, question_id) DO UPDATE SET shown_at = excluded.shown_at",
            Id(channelId), questionId, now.UtcDateTime).RunAsync();

    private static HintReveal ReadReveal(NpgsqlDataReader r) =>
        new(r.UId(0), r.UId(1), r.GetString(2), r.GetInt32(3), new DateTimeOffset(r.GetDateTime(4)), new DateTimeOffset(r.GetDateTime(5)));
}
