using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

public sealed class SerializedEngineTests
{
    private sealed class Row
    {
        public int Id { get; set; }
        public string Text { get; set; } = "";
    }

    [Fact]
    public async Task An_explicit_transaction_keeps_other_threads_out_until_it_commits_and_nothing_deadlocks()
    {
        using var db = BotDatabase.InMemory();
        var rows = db.Collection<Row>("rows");
        rows.Insert(new Row { Id = 5000 });

        // Per call, a writer on another thread would wait inside LiteDB for the transaction's collection lock while
        // holding the gate, and the commit would wait for the gate.
        var transactions = Task.Run(() =>
        {
            for (var i = 1; i <= 200; i++)
            {
                db.Database.BeginTrans();
                rows.Insert(new Row { Id = i });
                rows.Update(new Row { Id = 5000, Text = $"t{i}" });
                db.Database.Commit();
            }
        });
        var writes = Task.Run(() =>
        {
            for (var i = 1001; i <= 1200; i++)
            {
                rows.Insert(new Row { Id = i });
            }
        });

        // A guard against a hang, not a timing assertion: both finish in milliseconds.
        await Task.WhenAll(transactions, writes).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(401, rows.Count());
        Assert.Equal("t200", rows.FindById(5000).Text);
    }

    [Fact]
    public async Task A_rolled_back_transaction_leaves_nothing_and_releases_the_gate_for_other_threads()
    {
        using var db = BotDatabase.InMemory();
        var rows = db.Collection<Row>("rows");

        db.Database.BeginTrans();
        rows.Insert(new Row { Id = 1 });
        db.Database.Rollback();

        await Task.Run(() => rows.Insert(new Row { Id = 2 })).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal([2], rows.FindAll().Select(r => r.Id));
    }

    [Fact]
    public void Query_results_are_whole_after_the_call()
    {
        using var db = BotDatabase.InMemory();
        var rows = db.Collection<Row>("rows");
        rows.InsertBulk(Enumerable.Range(1, 500).Select(i => new Row { Id = i, Text = $"r{i}" }));

        var found = rows.Find(r => r.Id > 100).ToList();
        rows.DeleteAll();

        Assert.Equal(400, found.Count);
        Assert.Equal("r101", found[0].Text);
        Assert.Equal(0, rows.Count());
    }
}
