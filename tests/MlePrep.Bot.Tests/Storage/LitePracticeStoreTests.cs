using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>The LiteDB practice store's writes in the file's shared write queue (the contract itself: <see cref="PracticeStoreContract"/>).</summary>
public sealed class LitePracticeStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly LiteDbTestFile _file = new();

    [Fact]
    public async Task Picks_and_reveals_queued_with_a_failing_write_are_stored_when_the_group_runs_again()
    {
        var db = _file.Database;
        var store = new LitePracticeStore(db);
        // Kept in memory first, so the picks below go straight to the queue instead of reading the held engine.
        Assert.Empty(await store.ShownInAsync(10));

        Task first, failing, second;
        Task<HintReveal> hint;
        await using (HeldEngine.On(db))
        {
            // One group behind the held engine: the failing write rolls it back, and its writes then run one at a time.
            first = Task.Run(async () => await store.RecordShownAsync(10, "Q1", Start));
            failing = Task.Run(() => db.Writes.RunAsync(() => throw new InvalidOperationException("a bad write")));
            second = Task.Run(async () => await store.RecordShownAsync(10, "Q2", Start.AddMinutes(1)));
            hint = Task.Run(async () => await store.RecordHintsAsync(1, 7, "Q1", 2, Start));
            await Task.Delay(200);
            Assert.False(first.IsCompleted || failing.IsCompleted || second.IsCompleted || hint.IsCompleted);
        }

        await Task.WhenAll(first, second);
        Assert.Equal(2, (await hint).Rungs);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        var reopened = new LitePracticeStore(_file.Reopen());
        Assert.Equal(["Q1", "Q2"], (await reopened.ShownInAsync(10)).Keys.Order());
        Assert.Equal(2, await reopened.HintsRevealedAsync(1, 7, "Q1"));
    }

    public void Dispose() => _file.Dispose();
}
