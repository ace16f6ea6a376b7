using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MlePrep.Bot.Storage.Postgres;
using Npgsql;

namespace MlePrep.Bot.Tests.Storage.Postgres;

/// <summary>
/// A throwaway PostgreSQL server (Debian's <c>postgresql</c> package) for the test run: its own folder, loopback only, a
/// free port, stopped at the end. PostgreSQL refuses to run as root, so as root it runs as the <c>postgres</c> user.
/// Each test gets a fresh database, copied from a template migrated once.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Template = "mleprep_template";

    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-pg-").FullName;
    private string _bin = "";
    private int _databases;

    public int Port { get; private set; }

    /// <summary>The server's admin connection string (database <c>postgres</c>).</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true }.ConnectionString;

    public async Task InitializeAsync()
    {
        _bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
            .FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install -y --no-install-recommends postgresql).");
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", "postgres:postgres", _folder);
        }
        Port = FreePort();
        var data = Path.Combine(_folder, "data");
        await RunAsPostgresAsync(Path.Combine(_bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8");
        await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", data, "-w", "-l", Path.Combine(_folder, "log"),
            "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off", "start");
        await AdminAsync($"CREATE DATABASE {Template}");
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
        await AdminAsync(migrated ? $"CREATE DATABASE {name} TEMPLATE {Template}" : $"CREATE DATABASE {name}");
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_bin.Length > 0)
        {
            await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "stop");
        }
        Directory.Delete(_folder, recursive: true);
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsPostgresAsync(string program, params string[] args) =>
        Environment.IsPrivilegedProcess ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await errors}{await output}");
        }
    }
}

/// <summary>The test classes that share the one PostgreSQL server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
