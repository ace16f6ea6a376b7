using Microsoft.Extensions.Options;
using MlePrep.Bot.Operations;
using Npgsql;

namespace MlePrep.Bot.Storage.Postgres;

/// <summary>
/// The operator's database checks on PostgreSQL. The database belongs to the server and is shared by every bot
/// process, so no process holds it and none copies it: backups and restores are the server's own tools' job. The
/// health status file and control socket stay where <c>Storage:DatabasePath</c> names, as with LiteDB.
/// </summary>
internal sealed class PgDatabaseOperations(IServiceProvider services, IOptions<StorageOptions> options) : IDatabaseOperations
{
    private const string ServerTools =
        "With Storage:Provider PostgreSql the database is the server's, shared by every bot process: back it up with pg_dump and restore it with pg_restore.";

    public string DatabasePath => Path.GetFullPath(options.Value.DatabasePath);

    public string Name => PostgresDatabase.Describe(new NpgsqlConnectionStringBuilder(options.Value.ConnectionString));

    public string SoundReport => $"{Name} answers and its schema is one this version runs";

    /// <summary>A server that is read-only (a standby, or read-only transactions by default) cannot take the bot's writes.</summary>
    public string? ProbeWrite(DateTimeOffset now)
    {
        try
        {
            using var command = services.GetRequiredService<PostgresDatabase>().Source
                .CreateCommand("SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'");
            return command.ExecuteScalar() is true ? "not writable (the PostgreSQL server is read-only)" : null;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return $"not writable ({e.Message})";
        }
    }

    public long Backup(string target) => throw new BackupException(ServerTools);

    public void Restore(string source) => throw new BackupException(ServerTools);

    /// <summary>Reaches the server and reads the schema version without migrating it (the bot migrates at start).</summary>
    public IReadOnlyList<string> Check()
    {
        try
        {
            using var source = NpgsqlDataSource.Create(options.Value.ConnectionString ?? "");
            using var connection = source.OpenConnection();
            using var exists = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL", connection);
            var version = exists.ExecuteScalar() is true ? PostgresSchema.VersionOf(connection) : 0;
            return version > PostgresSchema.Current
                ? [$"schema version {version} was written by a newer MlePrep.Bot than this one (which knows up to {PostgresSchema.Current})"]
                : [];
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException)
        {
            return [$"the PostgreSQL server cannot be reached or refuses the login ({e.GetType().Name})"];
        }
    }

    /// <summary>Several processes share the database by design: none holds it.</summary>
    public bool InUse() => false;
}
