using MlePrep.Bot.Learning;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>The learning-store contract against the LiteDB adapter on a file of its own.</summary>
public sealed class LiteDbLearningStoreContractTests : LearningStoreContract, IDisposable
{
    private readonly LiteDbTestFile _file = new();
    private ILearningStore _store;

    // Made here, not on first use: facts use the store from several threads at once.
    public LiteDbLearningStoreContractTests() => _store = new LiteLearningStore(_file.Database);

    protected override ILearningStore Store => _store;

    protected override ILearningStore Reopen() => _store = new LiteLearningStore(_file.Reopen());

    public void Dispose() => _file.Dispose();
}
