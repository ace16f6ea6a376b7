using Microsoft.Extensions.Options;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>The practice-store contract against the LiteDB adapter on a file of its own.</summary>
public sealed class LiteDbPracticeStoreContractTests : PracticeStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-contract-").FullName;
    private BotDatabase _db;
    private IPracticeStore _store;

    public LiteDbPracticeStoreContractTests()
    {
        _db = Open();
        _store = new LitePracticeStore(_db);
    }

    protected override IPracticeStore Store => _store;

    protected override IPracticeStore Reopen()
    {
        _db.Dispose();
        _db = Open();
        return _store = new LitePracticeStore(_db);
    }

    public void Dispose()
    {
        _db.Dispose();
        // The file, its lock file and anything LiteDB left beside them.
        Directory.Delete(_folder, recursive: true);
    }

    private BotDatabase Open() => new(Options.Create(new StorageOptions { DatabasePath = Path.Combine(_folder, "bot.db") }));
}
