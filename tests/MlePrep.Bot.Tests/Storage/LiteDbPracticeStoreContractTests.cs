using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>The practice-store contract against the LiteDB adapter on a file of its own.</summary>
public sealed class LiteDbPracticeStoreContractTests : PracticeStoreContract, IDisposable
{
    private readonly LiteDbTestFile _file = new();
    private IPracticeStore _store;

    // Made here, not on first use: facts use the store from several threads at once.
    public LiteDbPracticeStoreContractTests() => _store = new LitePracticeStore(_file.Database);

    protected override IPracticeStore Store => _store;

    protected override IPracticeStore Reopen() => _store = new LitePracticeStore(_file.Reopen());

    public void Dispose() => _file.Dispose();
}
