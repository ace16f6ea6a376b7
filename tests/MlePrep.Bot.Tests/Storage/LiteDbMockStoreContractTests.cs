using MlePrep.Bot.MockInterviews;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>The mock-store contract against the LiteDB adapter on a file of its own.</summary>
public sealed class LiteDbMockStoreContractTests : MockStoreContract, IDisposable
{
    private readonly LiteDbTestFile _file = new();
    private IMockStore _store;

    public LiteDbMockStoreContractTests() => _store = new LiteMockStore(_file.Database);

    protected override IMockStore Store => _store;

    protected override IMockStore Reopen() => _store = new LiteMockStore(_file.Reopen());

    public void Dispose() => _file.Dispose();
}
