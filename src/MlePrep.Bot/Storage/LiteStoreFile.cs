using Microsoft.Extensions.Options;

namespace MlePrep.Bot.Storage;

/// <summary>
/// The LiteDB adapters on one database file, opened outside the bot's host: for tools that seed a file the bot then
/// opens (the benchmark's year of history). Writes between <see cref="BeginBatch"/> and <see cref="CommitBatch"/> reach
/// the disk together; they must stay on the thread that began the batch (LiteDB transactions are per thread).
/// </summary>
public sealed class LiteStoreFile : IDisposable
{
    private readonly BotDatabase _db;

    /// <exception cref="DatabaseOpenException">The file is in use, unwritable, damaged or of a newer schema.</exception>
    public LiteStoreFile(string path)
    {
        _db = new BotDatabase(Options.Create(new StorageOptions { DatabasePath = path }));
        Daily = new LiteDailyStore(_db);
        Answers = new LiteAnswerStore(_db);
    }

    public LiteDailyStore Daily { get; }

    public LiteAnswerStore Answers { get; }

    public void BeginBatch() => _db.Database.BeginTrans();

    public void CommitBatch() => _db.Database.Commit();

    /// <summary>Copies the log into the data file, so the file's size is what it holds.</summary>
    public void Checkpoint() => _db.Database.Checkpoint();

    public void Dispose() => _db.Dispose();
}
