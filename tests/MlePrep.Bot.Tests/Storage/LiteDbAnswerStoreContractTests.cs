using MlePrep.Bot.Answers;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>The answer-store contract against the LiteDB adapter on a file of its own.</summary>
public sealed class LiteDbAnswerStoreContractTests : AnswerStoreContract, IDisposable
{
    private readonly LiteDbTestFile _file = new();
    private IAnswerStore _store;

    // Made here, not on first use: facts use the store from several threads at once.
    public LiteDbAnswerStoreContractTests() => _store = new LiteAnswerStore(_file.Database);

    protected override IAnswerStore Store => _store;

    protected override IAnswerStore Reopen() => _store = new LiteAnswerStore(_file.Reopen());

    public void Dispose() => _file.Dispose();
}
