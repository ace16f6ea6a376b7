using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MlePrep.Bot.Storage.Postgres;

/// <summary>
/// The shared PostgreSQL database: one pooled <see cref="NpgsqlDataSource"/> for the process, the schema migrated when
/// it is opened. Several bot processes use one database; nothing here assumes it is the only writer.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    /// <exception cref="DatabaseOpenException">The server cannot be reached, refuses the login, or has a newer schema.</exception>
    public PostgresDatabase(IOptions<StorageOptions> options, ILogger<PostgresDatabase>? logger = null)
        : this(options.Value.ConnectionString ?? "", migrateTo: PostgresSchema.Current, logger)
    {
    }

    internal PostgresDatabase(string connectionString, int migrateTo, ILogger<PostgresDatabase>? logger = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        Name = Describe(builder.ConnectionStringBuilder);
        Source = builder.Build();
        try
        {
            var found = PostgresSchema.Migrate(Source, Name, migrateTo);
            Log.PostgresOpened(logger ?? NullLogger<PostgresDatabase>.Instance, Name, found, migrateTo);
        }
        catch (Exception e)
        {
            Source.Dispose();
            throw e as DatabaseOpenException ?? new DatabaseOpenException(
                $"The {Name} cannot be opened ({e.GetType().Name}: {e.Message}): check that the server runs and that Storage:ConnectionString " +
                "names it, its database and a user that may create tables there.", e);
        }
    }

    public NpgsqlDataSource Source { get; }

    /// <summary>Server and database for messages; never the password.</summary>
    public string Name { get; }

    public void Dispose() => Source.Dispose();

    internal static string Describe(NpgsqlConnectionStringBuilder c) =>
        $"PostgreSQL database {c.Database ?? c.Username ?? "(default)"} on {c.Host}:{c.Port}";
}
