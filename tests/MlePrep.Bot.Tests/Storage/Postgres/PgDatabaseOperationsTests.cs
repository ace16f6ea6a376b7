using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlePrep.Bot.Operations;
using MlePrep.Bot.Storage;
using MlePrep.Bot.Storage.Postgres;
using Npgsql;

namespace MlePrep.Bot.Tests.Storage.Postgres;

/// <summary>The operator's database checks on PostgreSQL, which the health report and <c>doctor</c>/<c>backup</c> use.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PgDatabaseOperationsTests(PostgresServer server) : IDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    private IDatabaseOperations Operations(string connectionString)
    {
        var options = Options.Create(new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = connectionString, DatabasePath = "bot.db" });
        var provider = new ServiceCollection().AddSingleton(options).AddSingleton<PostgresDatabase>().BuildServiceProvider();
        _providers.Add(provider);
        return new PgDatabaseOperations(provider, options);
    }

    [Fact]
    public async Task A_writable_database_passes_the_probe_and_a_read_only_one_is_named()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var operations = Operations(connectionString);
        Assert.Null(operations.ProbeWrite(DateTimeOffset.UtcNow));

        // As a server switched to read-only under a running bot: its next connections refuse writes.
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var admin = NpgsqlDataSource.Create(server.AdminConnectionString))
        {
            await admin.Command($"ALTER DATABASE {database} SET default_transaction_read_only = on").RunAsync();
        }
        _providers[^1].GetRequiredService<PostgresDatabase>().Source.Clear();

        Assert.Equal("not writable (the PostgreSQL server is read-only)", operations.ProbeWrite(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Backup_and_restore_refuse_with_the_servers_own_tools_and_no_bot_holds_the_database()
    {
        var operations = Operations(await server.CreateDatabaseAsync());

        Assert.Contains("back it up with pg_dump and restore it with pg_restore", Assert.Throws<BackupException>(() => operations.Backup("copy.db")).Message);
        Assert.Contains("pg_restore", Assert.Throws<BackupException>(() => operations.Restore("copy.db")).Message);
        Assert.False(operations.InUse());
    }

    [Fact]
    public async Task Check_finds_nothing_in_a_current_or_empty_database_and_names_a_newer_schema_and_a_server_out_of_reach()
    {
        var current = await server.CreateDatabaseAsync();
        var newer = await server.CreateDatabaseAsync();
        await PgTestDatabase.StampNewerAsync(newer);

        Assert.Empty(Operations(current).Check());
        Assert.Empty(Operations(await server.CreateDatabaseAsync(migrated: false)).Check());
        Assert.Equal([$"schema version {PostgresSchema.Current + 1} was written by a newer MlePrep.Bot than this one (which knows up to {PostgresSchema.Current})"],
            Operations(newer).Check());
        Assert.Equal(["the PostgreSQL server cannot be reached or refuses the login (NpgsqlException)"],
            Operations($"Host=127.0.0.1;Port={PostgresServer.FreePort()};Username=postgres;Timeout=2").Check());
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }
}
