using MlePrep.Bot.Storage.Postgres;
using Npgsql;

namespace MlePrep.Bot.Tests.Storage.Postgres;

/// <summary>The bot as an operator starts it on PostgreSQL: a bad setting is exit 2, a newer schema exit 4, and the password stays out of every line.</summary>
[Trait("Category", "Process")]
[Collection(PostgresCollection.Name)]
public sealed class PgStartTests(PostgresServer server) : IDisposable
{
    private const string Password = "s3cret-do-not-log";

    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-pgstart-").FullName;

    private Task<(int Code, string[] Errors)> RunBotAsync(string? connectionString) =>
        BotProcess.RunAsync(_folder, ["--Questions:Path", Path.Combine(AppContext.BaseDirectory, "Questions", "Fixtures", "valid")],
            new Dictionary<string, string?>
            {
                ["Discord__Token"] = "token",
                ["Storage__Provider"] = "PostgreSql",
                ["Storage__ConnectionString"] = connectionString,
            });

    [Fact]
    public async Task PostgreSql_without_a_connection_string_is_one_line_and_exit_code_2()
    {
        var (code, errors) = await RunBotAsync(null);

        Assert.Equal(2, code);
        Assert.Equal(["Configuration error: Storage:ConnectionString is required when Storage:Provider is PostgreSql, e.g. Host=db;Database=mleprep;Username=mleprep;Password=…"], errors);
    }

    [Fact]
    public async Task A_connection_string_npgsql_cannot_read_is_exit_code_2_without_its_password()
    {
        var (code, errors) = await RunBotAsync($"Host=127.0.0.1;Password={Password};Colour=blue");

        Assert.Equal(2, code);
        Assert.StartsWith("Configuration error: Storage:ConnectionString is not a valid Npgsql connection string:", Assert.Single(errors), StringComparison.Ordinal);
        Assert.DoesNotContain(errors, e => e.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_database_newer_than_the_binary_is_one_line_and_exit_code_4_without_the_password()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await PgTestDatabase.StampNewerAsync(connectionString);
        // The test server trusts loopback logins, so a password is accepted and ignored.
        var withPassword = new NpgsqlConnectionStringBuilder(connectionString) { Password = Password }.ConnectionString;

        var (code, errors) = await RunBotAsync(withPassword);

        Assert.Equal(4, code);
        var error = Assert.Single(errors);
        Assert.StartsWith($"The PostgreSQL database {new NpgsqlConnectionStringBuilder(connectionString).Database} on 127.0.0.1:{server.Port} has schema version {PostgresSchema.Current + 1}", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_out_of_reach_is_one_line_and_exit_code_4_without_the_password()
    {
        var (code, errors) = await RunBotAsync($"Host=127.0.0.1;Port=1;Database=mleprep;Username=bot;Password={Password};Timeout=2");

        Assert.Equal(4, code);
        Assert.StartsWith("The PostgreSQL database mleprep on 127.0.0.1:1 cannot be opened", Assert.Single(errors), StringComparison.Ordinal);
        Assert.DoesNotContain(errors, e => e.Contains(Password, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
