using Microsoft.Extensions.Options;
using MlePrep.Bot.Operations;
using Npgsql;

namespace MlePrep.Bot.Storage.Postgres;

/// <summary>
/// Operating the bot on PostgreSQL: the write probe runs on the shared server, <c>doctor</c> checks that it answers with
/// a schema this build can run, and backups are the server's own business (<c>pg_dump</c>), not a file copy.
/// </summary>
internal sealed class PgDatabaseOperations(IServiceProvider services, IOptions<StorageOptions> options) : IDatabaseOperations
{
    private const string UsePgDump =
        "with Storage:Provider PostgreSql the data lives in PostgreSQL: back it up with pg_dump and restore it with pg_restore (see Operating in the README)";

    public string DatabasePath => Path.GetFullPath(options.Value.DatabasePath);

    public string Name => PostgresDatabase.Describe(new NpgsqlConnectionStringBuilder(options.Value.ConnectionString));

    public string SoundReport => $"{Name} answers and its schema is one this version runs";

    public string? ProbeWrite(DateTimeOffset now)
    {
        try
        {
            // Assigning a transaction id is refused by a read-only server (a standby, default_transaction_read_only).
            using var command = services.GetRequiredService<PostgresDatabase>().Source.CreateCommand("SELECT txid_current()");
            command.ExecuteScalar();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return $"not writable ({e.Message})";
        }
    }

    public long Backup(string target) => throw new BackupException(UsePgDump);

    public void Restore(string source) => throw new BackupException(UsePgDump);

    public IReadOnlyList<string> Check()
    {
        try
        {
            // Not through PostgresDatabase: opening that migrates, and a check changes nothing.
            using var source = NpgsqlDataSource.Create(options.Value.ConnectionString ?? "");
            using var connection = source.OpenConnection();
            var version = PostgresSchema.VersionOf(connection);
            return version > PostgresSchema.Current ? [$"schema version {version} is newer than this version knows ({PostgresSchema.Current})"] : [];
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // An empty database: the first start creates the tables.
            return [];
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            return [$"cannot be reached ({e.Message})"];
        }
    }

    // Several processes share the server, and restore refuses for PostgreSQL anyway.
    public bool InUse() => false;
}
