using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.MockInterviews;
using MlePrep.Bot.PeerAnswers;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage.Postgres;
using Npgsql;

namespace MlePrep.Bot.Tests.Storage.Postgres;

/// <summary>A fresh PostgreSQL database of its own for one contract test, which the test can reopen.</summary>
internal sealed class PgTestDatabase(string connectionString) : IDisposable
{
    private readonly List<PostgresDatabase> _opened = [];

    public static PgTestDatabase Create(PostgresServer server) => new(server.CreateDatabaseAsync().GetAwaiter().GetResult());

    /// <summary>Records a schema version above this build's, as a newer build would have.</summary>
    public static async Task StampNewerAsync(string connectionString)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await source.Command("INSERT INTO schema_version (version, description) VALUES ($1, 'from a newer build')", PostgresSchema.Current + 1).RunAsync();
    }

    /// <summary>A new connection pool on the same database: nothing an earlier adapter kept survives.</summary>
    public PostgresDatabase Open()
    {
        var db = new PostgresDatabase(connectionString, PostgresSchema.Current);
        _opened.Add(db);
        return db;
    }

    public void Dispose()
    {
        foreach (var db in _opened)
        {
            db.Dispose();
        }
    }
}

/// <summary>The daily-store contract against the PostgreSQL adapter on a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PgDailyStoreContractTests : DailyStoreContract, IDisposable
{
    private readonly PgTestDatabase _db;
    private IDailyStore _store;

    public PgDailyStoreContractTests(PostgresServer server)
    {
        _db = PgTestDatabase.Create(server);
        _store = new PgDailyStore(_db.Open());
    }

    protected override IDailyStore Store => _store;

    protected override IDailyStore Reopen() => _store = new PgDailyStore(_db.Open());

    public void Dispose() => _db.Dispose();
}

/// <summary>The answer-store contract against the PostgreSQL adapter on a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PgAnswerStoreContractTests : AnswerStoreContract, IDisposable
{
    private readonly PgTestDatabase _db;
    private IAnswerStore _store;

    public PgAnswerStoreContractTests(PostgresServer server)
    {
        _db = PgTestDatabase.Create(server);
        _store = new PgAnswerStore(_db.Open());
    }

    protected override IAnswerStore Store => _store;

    protected override IAnswerStore Reopen() => _store = new PgAnswerStore(_db.Open());

    public void Dispose() => _db.Dispose();
}

/// <summary>The practice-store contract against the PostgreSQL adapter on a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PgPracticeStoreContractTests : PracticeStoreContract, IDisposable
{
    private readonly PgTestDatabase _db;
    private IPracticeStore _store;

    public PgPracticeStoreContractTests(PostgresServer server)
    {
        _db = PgTestDatabase.Create(server);
        _store = new PgPracticeStore(_db.Open());
    }

    protected override IPracticeStore Store => _store;

    protected override IPracticeStore Reopen() => _store = new PgPracticeStore(_db.Open());

    public void Dispose() => _db.Dispose();
}

/// <summary>The mock-store contract against the PostgreSQL adapter on a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PgMockStoreContractTests : MockStoreContract, IDisposable
{
    private readonly PgTestDatabase _db;
    private IMockStore _store;

    public PgMockStoreContractTests(PostgresServer server)
    {
        _db = PgTestDatabase.Create(server);
        _store = new PgMockStore(_db.Open());
    }

    protected override IMockStore Store => _store;

    protected override IMockStore Reopen() => _store = new PgMockStore(_db.Open());

    public void Dispose() => _db.Dispose();
}

/// <summary>The peer-store contract against the PostgreSQL adapter on a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PgPeerStoreContractTests : PeerStoreContract, IDisposable
{
    private readonly PgTestDatabase _db;
    private IPeerStore _store;

    public PgPeerStoreContractTests(PostgresServer server)
    {
        _db = PgTestDatabase.Create(server);
        _store = new PgPeerStore(_db.Open());
    }

    protected override IPeerStore Store => _store;

    protected override IPeerStore Reopen() => _store = new PgPeerStore(_db.Open());

    public void Dispose() => _db.Dispose();
}
