using Npgsql;

namespace MlePrep.Bot.Storage.Postgres;

/// <summary>One versioned step of the PostgreSQL schema: its statements, run in one transaction.</summary>
internal sealed record PostgresMigration(int Version, string Description, Func<IReadOnlyList<string>> Statements);

/// <summary>
/// The PostgreSQL schema: versioned migrations embedded in the binary, recorded in <c>schema_version</c>. Several bot
/// processes may start at once: each migration runs in its own transaction under one advisory lock, and re-reads the
/// version under it, so each runs exactly once whoever gets there first.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The versions this build knows; a database above it was written by a newer build.</summary>
    public const int Current = 6;

    // The two-key form of the advisory lock: a key space apart from the one-key locks on daily channels.
    private const int LockClass = 0x4D4C4550; // "MLEP"
    private const int MigrationLock = 1;

    // Quartz ships its PostgreSQL tables as a resource of its own assembly, written to create only what is missing.
    private const string QuartzScript = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";
    internal const string QuartzTablePrefix = "qrtz_";

    public static IReadOnlyList<PostgresMigration> Migrations { get; } =
    [
        new(1, "the bot's tables", () => [Embedded("0001_bot_tables.sql")]),
        // Created here, not by Quartz's own provisioning at start, so processes starting together never race on it.
        new(2, "Quartz's clustered job store tables", QuartzTables),
        new(3, "learning grades and review cards", () => [Embedded("0003_learning.sql")]),
        new(4, "mock interviews", () => [Embedded("0004_mock_interviews.sql")]),
        // The tables were new with this adapter: no database of an earlier build holds answers to derive state from.
        new(5, "streak state per member and daily channel", () => [Embedded("0005_streak_state.sql")]),
        new(6, "shared daily answers, their votes and reveals", () => [Embedded("0006_peer_answers.sql")]),
    ];

    /// <summary>Brings the database up to <paramref name="target"/> and returns the version it had.</summary>
    /// <exception cref="DatabaseOpenException">The database is newer than this build.</exception>
    public static int Migrate(NpgsqlDataSource source, string name, int target = Current)
    {
        using var connection = source.OpenConnection();
        int? found = null;
        while (true)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, $"SELECT pg_advisory_xact_lock({LockClass}, {MigrationLock})");
            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            var version = VersionOf(connection);
            found ??= version;
            if (version > Current)
            {
                throw DatabaseOpenException.NewerSchema(name, version, Current);
            }
            if (Migrations.FirstOrDefault(m => m.Version == version + 1) is not { } next || next.Version > target)
            {
                transaction.Commit();
                return found.Value;
            }
            foreach (var statement in next.Statements())
            {
                Execute(connection, statement);
            }
            using (var record = new NpgsqlCommand("INSERT INTO schema_version (version, description) VALUES ($1, $2)", connection))
            {
                record.Parameters.Add(new NpgsqlParameter { Value = next.Version });
                record.Parameters.Add(new NpgsqlParameter { Value = next.Description });
                record.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    /// <summary>The highest version applied; 0 for an empty database.</summary>
    public static int VersionOf(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection);
        return (int)command.ExecuteScalar()!;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string Embedded(string file)
    {
        using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream($"postgres/{file}")
            ?? throw new InvalidOperationException($"The migration {file} is missing from the binary.");
        return new StreamReader(stream).ReadToEnd();
    }

    private static IReadOnlyList<string> QuartzTables()
    {
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(QuartzScript)
            ?? throw new InvalidOperationException($"Quartz {typeof(Quartz.IScheduler).Assembly.GetName().Version} has no {QuartzScript}.");
        // {0} is the table prefix and {1} the same without a schema; statements are separated by lines of "--;;".
        var script = new StreamReader(stream).ReadToEnd().Replace("{0}", QuartzTablePrefix, StringComparison.Ordinal)
            .Replace("{1}", QuartzTablePrefix, StringComparison.Ordinal);
        return script.Split("\n--;;", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.Split('\n').Any(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal) && line.Trim().Length > 0))
            .ToArray();
    }

}
