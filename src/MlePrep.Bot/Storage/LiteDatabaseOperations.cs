using LiteDB;
using LiteDB.Engine;
using Microsoft.Extensions.Options;
using MlePrep.Bot.Operations;

namespace MlePrep.Bot.Storage;

/// <summary>
/// Backup, restore, checks and the write probe on the LiteDB file. A backup is made by the running bot (the only
/// process that may open the file): with every other database call held off, LiteDB copies its log into the data
/// file (checkpoint), so the data file alone holds every committed write, and that file is copied before any call
/// can write again. The copy is then opened and compared collection by collection with what the bot held.
/// </summary>
internal sealed class LiteDatabaseOperations(IServiceProvider services, IOptions<StorageOptions> options) : IDatabaseOperations
{
    private const string ProbeCollection = "health_probe";

    public string DatabasePath => Path.GetFullPath(options.Value.DatabasePath);

    public string Name => DatabasePath;

    public string SoundReport => File.Exists(DatabasePath) ? $"{DatabasePath} opens and every document reads" : $"{DatabasePath} does not exist yet (created at first start)";

    private string LogPath => Path.Combine(Path.GetDirectoryName(DatabasePath)!, Path.GetFileNameWithoutExtension(DatabasePath) + "-log" + Path.GetExtension(DatabasePath));

    // Resolved on use only: the commands that run with the bot stopped must not open the file through it.
    private BotDatabase Database => services.GetRequiredService<BotDatabase>();

    public string? ProbeWrite(DateTimeOffset now)
    {
        try
        {
            Database.Collection<BsonDocument>(ProbeCollection).Upsert(new BsonDocument { ["_id"] = 1, ["at"] = now.UtcDateTime });
            return null;
        }
        catch (Exception e) when (e is LiteException or StorageFailedException or IOException)
        {
            return $"not writable ({e.Message})";
        }
    }

    public long Backup(string target)
    {
        var path = Path.GetFullPath(target);
        if (File.Exists(path))
        {
            throw new BackupException($"{path} exists already: name a new file (a backup never overwrites one).");
        }
        if (path.StartsWith(DatabasePath, StringComparison.Ordinal) || path == LogPath)
        {
            throw new BackupException($"{path} is the database's own file: name a file elsewhere.");
        }
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            throw new BackupException($"The folder of {path} does not exist.");
        }
        var partial = path + ".partial";
        var db = Database;
        try
        {
            var expected = db.Exclusive(engine =>
            {
                engine.Checkpoint();
                using (var source = new FileStream(DatabasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                using (var copy = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
                {
                    source.CopyTo(copy);
                    copy.Flush(flushToDisk: true);
                }
                return Counts(db.Database);
            });
            using (var copy = OpenReadOnly(partial))
            {
                var found = Counts(copy);
                if (!found.OrderBy(c => c.Key).SequenceEqual(expected.OrderBy(c => c.Key)))
                {
                    throw new BackupException("The copy does not hold what the database holds; nothing was written. Try again, and report it if it persists.");
                }
            }
            File.Move(partial, path);
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LiteException or StorageFailedException)
        {
            throw new BackupException($"The backup to {path} failed: {e.Message}", e);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public void Restore(string source)
    {
        var from = Path.GetFullPath(source);
        if (!File.Exists(from))
        {
            throw new BackupException($"There is no backup at {from}.");
        }
        DatabaseFileLock held;
        try
        {
            held = DatabaseFileLock.Acquire(DatabasePath);
        }
        catch (DatabaseOpenException e)
        {
            throw new BackupException($"{e.Message} A restore replaces the database, so the bot must be stopped first.", e);
        }
        using (held)
        {
            try
            {
                using (var backup = OpenReadOnly(from))
                {
                    var version = StorageSchema.VersionOf(backup);
                    if (version > StorageSchema.Current)
                    {
                        throw new BackupException($"{from} has schema version {version}, written by a newer MlePrep.Bot (this one knows up to {StorageSchema.Current}).");
                    }
                }
                var partial = DatabasePath + ".restoring";
                File.Copy(from, partial, overwrite: true);
                // The database as it was stays next to it, in case the wrong backup was restored.
                if (File.Exists(DatabasePath))
                {
                    File.Move(DatabasePath, DatabasePath + ".before-restore", overwrite: true);
                }
                if (File.Exists(LogPath))
                {
                    File.Move(LogPath, LogPath + ".before-restore", overwrite: true);
                }
                File.Move(partial, DatabasePath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or LiteException or InvalidCastException)
            {
                throw new BackupException($"{from} cannot be restored: {e.Message}", e);
            }
        }
    }

    public IReadOnlyList<string> Check()
    {
        if (!File.Exists(DatabasePath))
        {
            return [];
        }
        try
        {
            using var db = OpenReadOnly(DatabasePath);
            var findings = new List<string>();
            var version = StorageSchema.VersionOf(db);
            if (version > StorageSchema.Current)
            {
                findings.Add($"schema version {version} is newer than this version knows ({StorageSchema.Current})");
            }
            // Reading every document touches every data page: a damaged page throws here.
            Counts(db);
            return findings;
        }
        catch (Exception e) when (e is LiteException or IOException or InvalidCastException or UnauthorizedAccessException or ArgumentException)
        {
            return [$"cannot be read ({e.GetType().Name}: {e.Message}): restore a backup"];
        }
    }

    public bool InUse()
    {
        try
        {
            DatabaseFileLock.Acquire(DatabasePath).Dispose();
            return false;
        }
        catch (DatabaseOpenException)
        {
            return true;
        }
    }

    private static LiteDatabase OpenReadOnly(string path) =>
        new(new LiteEngine(new EngineSettings { Filename = path, ReadOnly = true }), BotDatabase.CreateMapper(), disposeOnClose: true);

    private static Dictionary<string, int> Counts(LiteDatabase db) =>
        db.GetCollectionNames().Where(n => n != ProbeCollection)
            .ToDictionary(n => n, n => db.GetCollection(n).FindAll().Count());
}
