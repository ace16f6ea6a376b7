using System.Text.Json;
using System.Text.Json.Serialization;
using MlePrep.Bot.MockInterviews;
using Npgsql;
using static MlePrep.Bot.Storage.Postgres.PgCommands;

namespace MlePrep.Bot.Storage.Postgres;

/// <summary>
/// The PostgreSQL adapter of <see cref="IMockStore"/>: a row per session. The partial unique index of migration 4 keeps one
/// running session per member; an update only touches a row still running at the question it was made from, so of two processes acting on one state one wins.
/// </summary>
public sealed class PgMockStore(PostgresDatabase db) : IMockStore
{
    private const string Columns = "id, guild_id, user_id, channel_id, thread_id, track, minutes, started_at, status, current_index, deadline_at, items, ended_at";

    private readonly NpgsqlDataSource _source = db.Source;

    public async ValueTask<bool> StartAsync(MockSession session) =>
        await _source.Command(
            $"INSERT INTO mock_sessions ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13) ON CONFLICT DO NOTHING",
            session.Id, Id(session.GuildId), Id(session.UserId), Id(session.ChannelId), Id(session.ThreadId), session.Track, session.Minutes,
            session.StartedAt.UtcDateTime, (short)session.Status, session.Current, session.DeadlineAt.UtcDateTime, Items(session), session.EndedAt?.UtcDateTime)
            .RunAsync() == 1;

    public async ValueTask<bool> UpdateAsync(MockSession session, int fromCurrent) =>
        await _source.Command(
            "UPDATE mock_sessions SET thread_id = $2, status = $3, current_index = $4, deadline_at = $5, items = $6::jsonb, ended_at = $7 " +
            "WHERE id = $1 AND status = 0 AND current_index = $8",
            session.Id, Id(session.ThreadId), (short)session.Status, session.Current, session.DeadlineAt.UtcDateTime, Items(session), session.EndedAt?.UtcDateTime,
            fromCurrent)
            .RunAsync() == 1;

    public async ValueTask<MockSession?> RunningOfAsync(ulong userId) =>
        await _source.Command($"SELECT {Columns} FROM mock_sessions WHERE user_id = $1 AND status = 0", Id(userId)).SingleAsync(Read);

    public async ValueTask<IReadOnlyList<MockSession>> RunningAsync() =>
        await _source.Command($"SELECT {Columns} FROM mock_sessions WHERE status = 0 ORDER BY id").ListAsync(Read);

    public async ValueTask<IReadOnlyList<MockSession>> OfAsync(ulong userId) =>
        await _source.Command($"SELECT {Columns} FROM mock_sessions WHERE user_id = $1 ORDER BY started_at DESC, id DESC", Id(userId)).ListAsync(Read);

    public async ValueTask<int> DeleteAllOfAsync(ulong userId) =>
        await _source.Command("DELETE FROM mock_sessions WHERE user_id = $1", Id(userId)).RunAsync();

    private static string Items(MockSession s) => JsonSerializer.Serialize(s.Items.Select(MockItemRow.From).ToArray(), MockJsonContext.Default.MockItemRowArray);

    private static MockSession Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.UId(1), r.UId(2), r.UId(3), r.NullableUId(4), r.GetString(5), r.GetInt32(6), new DateTimeOffset(r.GetDateTime(7)),
        (MockStatus)r.GetInt16(8), r.GetInt32(9), new DateTimeOffset(r.GetDateTime(10)),
        JsonSerializer.Deserialize(r.GetString(11), MockJsonContext.Default.MockItemRowArray)!.Select(i => i.ToItem()).ToArray(),
        r.NullableDate(12) is { } ended ? new DateTimeOffset(ended) : null);
}

/// <summary>A <see cref="MockItem"/> in the <c>items</c> column.</summary>
internal sealed record MockItemRow(string Question, DateTime? StartedAt, DateTime? EndedAt, int Outcome, int Hints)
{
    public static MockItemRow From(MockItem i) => new(i.QuestionId, i.StartedAt?.UtcDateTime, i.EndedAt?.UtcDateTime, (int)i.Outcome, i.Hints);

    public MockItem ToItem() => new(Question, At(StartedAt), At(EndedAt), (MockOutcome)Outcome, Hints);

    private static DateTimeOffset? At(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}

[JsonSerializable(typeof(MockItemRow[]))]
internal sealed partial class MockJsonContext : JsonSerializerContext;
