using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

public sealed class GroupedWritesTests
{
    private sealed class Row
    {
        public int Id { get; set; }
    }

    [Fact]
    public async Task Writes_queued_behind_a_busy_engine_all_commit_and_a_failing_one_fails_only_its_caller()
    {
        using var db = BotDatabase.InMemory();
        var rows = db.Collection<Row>("rows");
        var writes = new GroupedWrites(db);
        var committed = new List<int>();
        Task Insert(int id) => writes.RunAsync(() =>
        {
            rows.Insert(new Row { Id = id });
            return () => committed.Add(id);
        });

        // The engine held elsewhere: the first write waits for it, and the ones after it queue up behind it. Every write
        // comes from the thread pool, so whichever waits for the engine blocks none of the others (nor this test).
        Task first, second, failing, third;
        await using (HeldEngine.On(db))
        {
            first = Task.Run(() => Insert(1));
            second = Task.Run(() => Insert(2));
            failing = Task.Run(() => writes.RunAsync(() => throw new InvalidOperationException("a bad write")));
            third = Task.Run(() => Insert(3));
            await Task.Delay(200);
            Assert.False(first.IsCompleted || second.IsCompleted || failing.IsCompleted || third.IsCompleted);
        }

        await Task.WhenAll(first, second, third);
        Assert.Equal("a bad write", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        Assert.Equal([1, 2, 3], rows.FindAll().Select(r => r.Id).Order());
        Assert.Equal([1, 2, 3], committed.Order());
    }
}
