using MlePrep.Bot.Daily;
using Npgsql;

namespace MlePrep.Bot.Storage.Postgres;

/// <summary>
/// A daily channel's locks as PostgreSQL advisory locks, held by a transaction on a connection of their own: committing
/// (or the connection dropping, when the process dies) releases them. Schedule locks use the one-key space (the channel
/// id); post locks the two-key space (the id's halves), which PostgreSQL keeps apart from it.
/// </summary>
public sealed class PgChannelLocks(PostgresDatabase db) : ISharedChannelLocks
{
    public async Task<IDisposable> AcquireAsync(ulong channelId, SharedLock kind, CancellationToken ct)
    {
        var connection = await db.Source.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = kind == SharedLock.Schedule
                ? connection.Command("SELECT pg_advisory_xact_lock($1)", (long)channelId)
                : connection.Command("SELECT pg_advisory_xact_lock($1, $2)", (int)(channelId >> 32), unchecked((int)channelId));
            await command.ExecuteNonQueryAsync(ct);
            return new Held(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection, NpgsqlTransaction transaction) : IDisposable
    {
        public void Dispose()
        {
            using (connection)
            {
                try
                {
                    transaction.Commit();
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    // The connection broke: the server ended its session, and the lock with it. Disposing the connection
                    // rolls back what is left, which releases a lock still held as well.
                }
            }
        }
    }
}
