using MlePrep.Bot.PeerAnswers;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>The peer-store contract against the LiteDB adapter on a file of its own.</summary>
public sealed class LiteDbPeerStoreContractTests : PeerStoreContract, IDisposable
{
    private readonly LiteDbTestFile _file = new();
    private IPeerStore _store;

    public LiteDbPeerStoreContractTests() => _store = new LitePeerStore(_file.Database);

    protected override IPeerStore Store => _store;

    protected override IPeerStore Reopen() => _store = new LitePeerStore(_file.Reopen());

    public void Dispose() => _file.Dispose();
}
