using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using MlePrep.Bot.Operations;
using MlePrep.Bot.Storage;
using MlePrep.Bot.Storage.Postgres;

namespace MlePrep.Bot.Tests.Storage.Postgres;

/// <summary>Health, doctor and backups when the data lives in PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PgDatabaseOperationsTests(PostgresServer server)
{
    [Fact]
    public async Task The_probe_writes_on_the_server_and_doctor_names_it_without_the_password()
    {
        var connectionString = await server.CreateDatabaseAsync();
        using var services = Services(connectionString);
        var operations = services.GetRequiredService<IDatabaseOperations>();

        Assert.IsType<PgDatabaseOperations>(operations);
        Assert.Null(operations.ProbeWrite(DateTimeOffset.UtcNow));
        Assert.Empty(operations.Check());
        Assert.StartsWith("PostgreSQL database ", operations.SoundReport);
        Assert.DoesNotContain("Password", operations.Name, StringComparison.OrdinalIgnoreCase);
        Assert.False(operations.InUse());
    }

    [Fact]
    public async Task Doctor_finds_a_schema_newer_than_this_build_and_a_server_out_of_reach()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await PgTestDatabase.StampNewerAsync(connectionString);
        using (var services = Services(connectionString))
        {
            Assert.Contains("newer than this version knows", Assert.Single(services.GetRequiredService<IDatabaseOperations>().Check()));
        }
        using (var unreachable = Services("Host=127.0.0.1;Port=1;Database=none;Username=postgres;Password=secret;Timeout=2"))
        {
            var finding = Assert.Single(unreachable.GetRequiredService<IDatabaseOperations>().Check());
            Assert.StartsWith("cannot be reached", finding);
            Assert.DoesNotContain("secret", finding);
        }
    }

    [Fact]
    public async Task Backup_and_restore_point_to_pg_dump_instead_of_copying_a_file()
    {
        using var services = Services(await server.CreateDatabaseAsync());
        var operations = services.GetRequiredService<IDatabaseOperations>();
        var target = Path.Combine(Path.GetTempPath(), $"mleprep-pg-backup-{Guid.NewGuid():N}.db");

        Assert.Contains("pg_dump", Assert.Throws<BackupException>(() => operations.Backup(target)).Message);
        Assert.Contains("pg_restore", Assert.Throws<BackupException>(() => operations.Restore(target)).Message);
        Assert.False(File.Exists(target));
    }

    private static ServiceProvider Services(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = connectionString,
        }).Build();
        return new ServiceCollection().AddLogging().AddStorage(configuration).BuildServiceProvider();
    }
}
