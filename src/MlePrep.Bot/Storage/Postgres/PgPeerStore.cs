using MlePrep.Bot.PeerAnswers;
using Npgsql;
using static MlePrep.Bot.Storage.Postgres.PgCommands;

namespace MlePrep.Bot.Storage.Postgres;

/// <summary>
/// The PostgreSQL adapter of <see cref="IPeerStore"/> (tables of migration 6). Every conditional change is one statement
/// whose <c>WHERE</c> holds the condition, so of two processes acting at once one wins.
/// </summary>
public sealed class PgPeerStore(PostgresDatabase db) : IPeerStore
{
    private const string ShareColumns = "occurrence_id, guild_id, channel_id, user_id, answer_id, shared_at, message_id, revealed_at, hidden_by, hidden_at";
    private const string RevealColumns = "occurrence_id, guild_id, channel_id, claimed_at, place_id, completed_at, closed_at, top_user_id";
    private const string VoteColumns = "occurrence_id, author_id, voter_id, guild_id, channel_id, voted_at";

    private readonly NpgsqlDataSource _source = db.Source;

    public async ValueTask<bool> ShareAsync(PeerShare s) =>
        await _source.Command(
            $"INSERT INTO peer_shares ({ShareColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING",
            s.OccurrenceId, Id(s.GuildId), Id(s.ChannelId), Id(s.UserId), s.AnswerId, s.SharedAt.UtcDateTime, Id(s.MessageId), s.RevealedAt?.UtcDateTime,
            Id(s.HiddenBy), s.HiddenAt?.UtcDateTime).RunAsync() == 1;

    public async ValueTask<PeerShare?> ShareOfAsync(string occurrenceId, ulong userId) =>
        await _source.Command($"SELECT {ShareColumns} FROM peer_shares WHERE occurrence_id = $1 AND user_id = $2", occurrenceId, Id(userId)).SingleAsync(ReadShare);

    public async ValueTask<IReadOnlyList<PeerShare>> SharesOfAsync(string occurrenceId) =>
        await _source.Command($"SELECT {ShareColumns} FROM peer_shares WHERE occurrence_id = $1 ORDER BY shared_at, user_id", occurrenceId).ListAsync(ReadShare);

    public async ValueTask<bool> WithdrawAsync(string occurrenceId, ulong userId) =>
        await _source.Command("DELETE FROM peer_shares WHERE occurrence_id = $1 AND user_id = $2 AND message_id IS NULL", occurrenceId, Id(userId)).RunAsync() == 1;

    public async ValueTask<bool> MarkRevealedAsync(string occurrenceId, ulong userId, ulong messageId, DateTimeOffset at) =>
        await _source.Command(
            "UPDATE peer_shares SET message_id = $3, revealed_at = $4 WHERE occurrence_id = $1 AND user_id = $2 AND message_id IS NULL",
            occurrenceId, Id(userId), Id(messageId), at.UtcDateTime).RunAsync() == 1;

    public async ValueTask<bool> HideAsync(string occurrenceId, ulong userId, ulong moderatorId, DateTimeOffset at) =>
        await _source.Command(
            "WITH hidden AS (UPDATE peer_shares SET hidden_by = $3, hidden_at = $4 " +
            "WHERE occurrence_id = $1 AND user_id = $2 AND message_id IS NOT NULL AND hidden_by IS NULL RETURNING 1), " +
            "gone AS (DELETE FROM peer_votes WHERE occurrence_id = $1 AND author_id = $2 AND EXISTS (SELECT 1 FROM hidden)) " +
            "SELECT count(*) FROM hidden",
            occurrenceId, Id(userId), Id(moderatorId), at.UtcDateTime).LongAsync() == 1;

    public async ValueTask<(PeerReveal Reveal, bool Claimed)> ClaimRevealAsync(PeerReveal r)
    {
        var claimed = await _source.Command(
            $"INSERT INTO peer_reveals ({RevealColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
            r.OccurrenceId, Id(r.GuildId), Id(r.ChannelId), r.ClaimedAt.UtcDateTime, Id(r.PlaceId), r.CompletedAt?.UtcDateTime, r.ClosedAt?.UtcDateTime,
            Id(r.TopUserId)).RunAsync() == 1;
        return claimed ? (r, true) : ((await RevealOfAsync(r.OccurrenceId))!, false);
    }

    public async ValueTask<PeerReveal?> RevealOfAsync(string occurrenceId) =>
        await _source.Command($"SELECT {RevealColumns} FROM peer_reveals WHERE occurrence_id = $1", occurrenceId).SingleAsync(ReadReveal);

    public async ValueTask<PeerReveal> PlaceRevealAsync(string occurrenceId, ulong placeId) =>
        await _source.Command(
            $"UPDATE peer_reveals SET place_id = coalesce(place_id, $2) WHERE occurrence_id = $1 RETURNING {RevealColumns}", occurrenceId, Id(placeId))
            .SingleAsync(ReadReveal) ?? throw new InvalidOperationException($"Occurrence {occurrenceId} has no reveal.");

    public async ValueTask CompleteRevealAsync(string occurrenceId, DateTimeOffset at) =>
        await _source.Command("UPDATE peer_reveals SET completed_at = coalesce(completed_at, $2) WHERE occurrence_id = $1", occurrenceId, at.UtcDateTime).RunAsync();

    public async ValueTask<bool> CloseRevealAsync(string occurrenceId, ulong? topUserId, DateTimeOffset at) =>
        await _source.Command(
            "UPDATE peer_reveals SET closed_at = $2, top_user_id = $3 WHERE occurrence_id = $1 AND closed_at IS NULL", occurrenceId, at.UtcDateTime, Id(topUserId))
            .RunAsync() == 1;

    public async ValueTask<IReadOnlyList<PeerOccurrence>> UnsettledAsync(ulong? channelId) =>
        await _source.Command(
            "SELECT occurrence_id, channel_id FROM peer_shares WHERE message_id IS NULL AND ($1::bigint IS NULL OR channel_id = $1) " +
            "UNION SELECT occurrence_id, channel_id FROM peer_reveals WHERE (completed_at IS NULL OR closed_at IS NULL) AND ($1::bigint IS NULL OR channel_id = $1) " +
            "ORDER BY occurrence_id", Id(channelId))
            .ListAsync(r => new PeerOccurrence(r.GetString(0), r.UId(1)));

    public async ValueTask<bool> ToggleVoteAsync(PeerVote v) =>
        await _source.Command(
            "WITH removed AS (DELETE FROM peer_votes WHERE occurrence_id = $1 AND author_id = $2 AND voter_id = $3 RETURNING 1) " +
            $"INSERT INTO peer_votes ({VoteColumns}) SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM removed) ON CONFLICT DO NOTHING",
            v.OccurrenceId, Id(v.AuthorId), Id(v.VoterId), Id(v.GuildId), Id(v.ChannelId), v.At.UtcDateTime).RunAsync() == 1;

    public async ValueTask<IReadOnlyDictionary<ulong, int>> VoteCountsAsync(string occurrenceId) =>
        (await _source.Command("SELECT author_id, count(*)::int FROM peer_votes WHERE occurrence_id = $1 GROUP BY author_id", occurrenceId)
            .ListAsync(r => (Author: r.UId(0), Count: r.GetInt32(1)))).ToDictionary(x => x.Author, x => x.Count);

    public async ValueTask<IReadOnlyList<PeerVote>> VotesInAsync(ulong channelId, DateTimeOffset from, DateTimeOffset to) =>
        await _source.Command($"SELECT {VoteColumns} FROM peer_votes WHERE channel_id = $1 AND voted_at >= $2 AND voted_at < $3",
            Id(channelId), from.UtcDateTime, to.UtcDateTime).ListAsync(ReadVote);

    public async ValueTask<IReadOnlyList<PeerShare>> SharesByAsync(ulong userId) =>
        await _source.Command($"SELECT {ShareColumns} FROM peer_shares WHERE user_id = $1 ORDER BY shared_at", Id(userId)).ListAsync(ReadShare);

    public async ValueTask<IReadOnlyList<PeerVote>> VotesByAsync(ulong userId) =>
        await _source.Command($"SELECT {VoteColumns} FROM peer_votes WHERE voter_id = $1 ORDER BY voted_at", Id(userId)).ListAsync(ReadVote);

    public async ValueTask<(IReadOnlyList<PeerShare> Shares, int Votes)> DeleteAllOfAsync(ulong userId)
    {
        var votes = await _source.Command("DELETE FROM peer_votes WHERE voter_id = $1", Id(userId)).RunAsync();
        await _source.Command("DELETE FROM peer_votes WHERE author_id = $1", Id(userId)).RunAsync();
        var shares = await _source.Command($"DELETE FROM peer_shares WHERE user_id = $1 RETURNING {ShareColumns}", Id(userId)).ListAsync(ReadShare);
        return (shares, votes);
    }

    private static PeerShare ReadShare(NpgsqlDataReader r) => new(
        r.GetString(0), r.UId(1), r.UId(2), r.UId(3), r.GetString(4), At(r.GetDateTime(5)), r.NullableUId(6), At(r.NullableDate(7)), r.NullableUId(8),
        At(r.NullableDate(9)));

    private static PeerReveal ReadReveal(NpgsqlDataReader r) => new(
        r.GetString(0), r.UId(1), r.UId(2), At(r.GetDateTime(3)), r.NullableUId(4), At(r.NullableDate(5)), At(r.NullableDate(6)), r.NullableUId(7));

    private static PeerVote ReadVote(NpgsqlDataReader r) => new(r.GetString(0), r.UId(1), r.UId(2), r.UId(3), r.UId(4), At(r.GetDateTime(5)));

    private static DateTimeOffset At(DateTime value) => new(Utc(value));

    private static DateTimeOffset? At(DateTime? value) => value is { } v ? At(v) : null;
}
