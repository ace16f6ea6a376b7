using MlePrep.Bot.Emulated;
using MlePrep.Bot.Storage.Postgres;
using Npgsql;

namespace MlePrep.Bot.Tests.Storage.Postgres;

/// <summary>
/// The test run's PostgreSQL server (<see cref="LocalPostgres"/>, without fsync), stopped at the end. Each test gets a
/// fresh database, copied from a template migrated once.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Template = "mleprep_template";

    private LocalPostgres? _server;
    private int _databases;

    private LocalPostgres Server => _server ?? throw new InvalidOperationException("The PostgreSQL server has not started.");

    public int Port => Server.Port;

    /// <summary>The server's admin connection string (database <c>postgres</c>).</summary>
    public string AdminConnectionString => Server.AdminConnectionString;

    public string ConnectionString(string database) => Server.ConnectionString(database);

    public async Task InitializeAsync()
    {
        _server = await LocalPostgres.StartAsync(durable: false);
        await _server.AdminAsync($"CREATE DATABASE {Template}");
        using (new PostgresDatabase(ConnectionString(Template), PostgresSchema.Current))
        {
        }
        // A template is copied only while nobody is connected to it.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A new empty database, migrated to the current schema unless <paramref name="migrated"/> is false.</summary>
    public async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}";
        await Server.AdminAsync(migrated ? $"CREATE DATABASE {name} TEMPLATE {Template}" : $"CREATE DATABASE {name}");
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    internal static int FreePort() => LocalPostgres.FreePort();
}

/// <summary>The test classes that share the one PostgreSQL server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
