using Microsoft.Extensions.Options;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>A LiteDB file of its own for one contract test, which the test can reopen.</summary>
internal sealed class LiteDbTestFile : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-contract-").FullName;

    public LiteDbTestFile() => Database = Open();

    public BotDatabase Database { get; private set; }

    /// <summary>Closes the file and opens it again.</summary>
    public BotDatabase Reopen()
    {
        Database.Dispose();
        return Database = Open();
    }

    public void Dispose()
    {
        Database.Dispose();
        // The file, its lock file and anything LiteDB left beside them.
        Directory.Delete(_folder, recursive: true);
    }

    private BotDatabase Open() => new(Options.Create(new StorageOptions { DatabasePath = Path.Combine(_folder, "bot.db") }));
}
