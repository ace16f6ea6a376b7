using System.Net.Sockets;
using System.Text;

namespace MlePrep.Bot.Operations;

/// <summary>
/// A Unix socket next to the database (<c>&lt;database&gt;.control</c>, owner-only) through which <c>backup</c> asks
/// the running bot, the one process that may open the file, for a consistent copy. One request a connection:
/// <c>backup &lt;absolute path&gt;</c>, answered <c>ok &lt;bytes&gt;</c> or <c>error &lt;why&gt;</c>.
/// </summary>
public sealed class ControlSocket(IDatabaseOperations database, ILogger<ControlSocket> logger) : BackgroundService
{
    private string Path => OperationsOptions.ControlSocket(database.DatabasePath);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            // A socket file left by a bot that was killed; the database lock says no other bot runs on this file.
            File.Delete(Path);
            listener.Bind(new UnixDomainSocketEndPoint(Path));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            listener.Listen(4);
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            Log.ControlSocketUnavailable(logger, Path, e.Message);
            return;
        }
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var connection = await listener.AcceptAsync(stoppingToken);
                await ServeAsync(connection, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            File.Delete(Path);
        }
    }

    private async Task ServeAsync(Socket connection, CancellationToken ct)
    {
        await using var stream = new NetworkStream(connection);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
        try
        {
            var request = await reader.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
            if (request?.StartsWith("backup ", StringComparison.Ordinal) != true || !System.IO.Path.IsPathFullyQualified(request[7..]))
            {
                await writer.WriteLineAsync("error expected: backup <absolute path>");
                return;
            }
            var target = request[7..];
            try
            {
                // Off this loop's thread: the copy holds the database for its duration and is synchronous.
                var bytes = await Task.Run(() => database.Backup(target), ct);
                Log.BackupWritten(logger, target, bytes);
                await writer.WriteLineAsync($"ok {bytes}");
            }
            catch (BackupException e)
            {
                Log.BackupFailed(logger, target, e.Message);
                await writer.WriteLineAsync($"error {e.Message}");
            }
        }
        catch (Exception e) when (e is IOException or TimeoutException or SocketException)
        {
            // The asking command went away; nothing to answer.
        }
    }

    /// <summary>Asks the bot running on <paramref name="databasePath"/> for a backup to <paramref name="target"/>.</summary>
    /// <returns>The backup's size in bytes.</returns>
    /// <exception cref="BackupException">No bot answers, or it could not make the copy.</exception>
    public static async Task<long> RequestBackupAsync(string databasePath, string target, CancellationToken ct)
    {
        var path = OperationsOptions.ControlSocket(databasePath);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
        }
        catch (SocketException e)
        {
            throw new BackupException($"No running bot answers at {path} ({e.Message}).", e);
        }
        await using var stream = new NetworkStream(socket);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await writer.WriteLineAsync($"backup {System.IO.Path.GetFullPath(target)}");
        var answer = await reader.ReadLineAsync(ct) ?? "error the bot closed the connection without an answer";
        return answer.StartsWith("ok ", StringComparison.Ordinal) && long.TryParse(answer[3..], out var bytes)
            ? bytes
            : throw new BackupException(answer.StartsWith("error ", StringComparison.Ordinal) ? answer[6..] : answer);
    }
}
