using MlePrep.Bot.Daily;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>The daily-store contract against the LiteDB adapter on a file of its own.</summary>
public sealed class LiteDbDailyStoreContractTests : DailyStoreContract, IDisposable
{
    private readonly LiteDbTestFile _file = new();
    private IDailyStore _store;

    // Made here, not on first use: facts use the store from several threads at once.
    public LiteDbDailyStoreContractTests() => _store = new LiteDailyStore(_file.Database);

    protected override IDailyStore Store => _store;

    protected override IDailyStore Reopen() => _store = new LiteDailyStore(_file.Reopen());

    public void Dispose() => _file.Dispose();
}
