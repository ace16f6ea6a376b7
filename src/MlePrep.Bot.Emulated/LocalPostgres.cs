using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace MlePrep.Bot.Emulated;

/// <summary>
/// A throwaway PostgreSQL server (Debian's <c>postgresql</c> package) for tests and the benchmark: its own folder,
/// loopback only, a free port, stopped and deleted on dispose. PostgreSQL refuses to run as root, so as root it runs as
/// the <c>postgres</c> user.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _bin;

    private LocalPostgres(string folder, string bin, int port)
    {
        _folder = folder;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The server's admin connection string (database <c>postgres</c>).</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>The newest installed server's programs; null when PostgreSQL is not installed.</summary>
    public static string? Binaries() => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
            .FirstOrDefault()
        : null;

    /// <summary>
    /// Creates and starts a server. <paramref name="durable"/> false turns off <c>fsync</c> (tests: a crash of the
    /// machine loses nothing they need); the benchmark keeps it on, as a real server has it.
    /// </summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed, or would not start.</exception>
    public static async Task<LocalPostgres> StartAsync(bool durable, int maxConnections = 300)
    {
        var bin = Binaries() ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install -y --no-install-recommends postgresql).");
        var folder = Directory.CreateTempSubdirectory("mleprep-pg-").FullName;
        try
        {
            if (Environment.IsPrivilegedProcess)
            {
                await RunAsync("chown", "postgres:postgres", folder);
            }
            var port = FreePort();
            var data = Path.Combine(folder, "data");
            await RunAsPostgresAsync(Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8");
            await RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", data, "-w", "-l", Path.Combine(folder, "log"),
                "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections={maxConnections}{(durable ? "" : " -c fsync=off")}", "start");
            return new LocalPostgres(folder, bin, port);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true }.ConnectionString;

    /// <summary>Runs one statement as the admin (CREATE DATABASE and the like).</summary>
    public async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A TCP port free on loopback right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
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
