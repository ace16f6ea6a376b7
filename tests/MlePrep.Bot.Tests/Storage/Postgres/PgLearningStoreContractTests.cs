using MlePrep.Bot.Learning;
using MlePrep.Bot.Storage.Postgres;

namespace MlePrep.Bot.Tests.Storage.Postgres;

/// <summary>The learning-store contract against the PostgreSQL adapter on a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PgLearningStoreContractTests : LearningStoreContract, IDisposable
{
    private readonly PgTestDatabase _db;
    private ILearningStore _store;

    public PgLearningStoreContractTests(PostgresServer server)
    {
        _db = PgTestDatabase.Create(server);
        _store = new PgLearningStore(_db.Open());
    }

    protected override ILearningStore Store => _store;

    protected override ILearningStore Reopen() => _store = new PgLearningStore(_db.Open());

    public void Dispose() => _db.Dispose();
}
