using System.Globalization;
using System.Text;

namespace MlePrep.Bot.Storage;

/// <summary>
/// An exclusive lock on <c>&lt;database&gt;.lock</c>, held while the database is open. LiteDB's direct mode lets a second
/// process open the same file on Linux, and two writers corrupt it; the operating system drops this lock when the
/// process ends, however it ends, so a crashed bot never blocks its restart.
/// </summary>
internal sealed class DatabaseFileLock : IDisposable
{
    // FileStream.Lock takes a POSIX record lock on Linux. Those belong to the process: a second open in this process would
    // be granted, and closing any handle on the file would drop the lock. So this process refuses itself here first.
    private static readonly HashSet<string> HeldHere = new(StringComparer.Ordinal);

    // The locked byte lies past the pid written at the start: on Windows locked bytes cannot be read, and the next
    // process reads the pid to say who holds the file.
    private const long LockedByte = 4096;

    private readonly FileStream _file;
    private readonly string _path;

    private DatabaseFileLock(FileStream file, string path)
    {
        _file = file;
        _path = path;
    }

    /// <exception cref="DatabaseOpenException">Another process (or this one) holds it, or the folder is not writable.</exception>
    public static DatabaseFileLock Acquire(string databasePath)
    {
        var path = databasePath + ".lock";
        lock (HeldHere)
        {
            if (!HeldHere.Add(path))
            {
                throw DatabaseOpenException.InUse(databasePath, Environment.ProcessId);
            }
        }
        FileStream? file = null;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            // .NET has no record locks on macOS (development only: the bot ships in a Linux image).
            if (!OperatingSystem.IsMacOS())
            {
                try
                {
                    file.Lock(LockedByte, 1);
                }
                catch (IOException)
                {
                    throw DatabaseOpenException.InUse(databasePath, ReadPid(file));
                }
            }
            file.SetLength(0);
            file.Write(Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
            file.Flush(flushToDisk: true);
            return new DatabaseFileLock(file, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file?.Dispose();
            Release(path);
            throw DatabaseOpenException.From(databasePath, e);
        }
        catch
        {
            file?.Dispose();
            Release(path);
            throw;
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        Release(_path);
    }

    private static int? ReadPid(FileStream file)
    {
        try
        {
            var buffer = new byte[32];
            file.Position = 0;
            var read = file.Read(buffer);
            return int.TryParse(Encoding.ASCII.GetString(buffer, 0, read).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void Release(string path)
    {
        lock (HeldHere)
        {
            HeldHere.Remove(path);
        }
    }
}
