using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>
/// What every <see cref="IPracticeStore"/> adapter must do (the contract on the interface). Each adapter runs these
/// facts through a subclass that opens it on empty storage.
/// </summary>
public abstract class PracticeStoreContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The adapter under test, on storage that starts empty.</summary>
    protected abstract IPracticeStore Store { get; }

    /// <summary>A new adapter instance on the same storage: nothing kept in memory by the previous one survives.</summary>
    protected abstract IPracticeStore Reopen();

    [Fact]
    public async Task Recording_hints_never_lowers_the_rungs_and_keeps_the_first_reveal_time()
    {
        await Store.RecordHintsAsync(1, 2, "Q1", 2, Start);
        var back = await Store.RecordHintsAsync(1, 2, "Q1", 1, Start.AddMinutes(5));

        Assert.Equal(new HintReveal(1, 2, "Q1", 2, Start, Start.AddMinutes(5)), back);
        Assert.Equal(2, await Reopen().HintsRevealedAsync(1, 2, "Q1"));
    }

    [Fact]
    public async Task Reveals_are_kept_per_server_member_and_question_and_a_dm_is_its_own_server()
    {
        await Store.RecordHintsAsync(1, 2, "Q1", 3, Start);

        Assert.Equal(0, await Store.HintsRevealedAsync(1, 2, "Q2"));
        Assert.Equal(0, await Store.HintsRevealedAsync(1, 3, "Q1"));
        Assert.Equal(0, await Store.HintsRevealedAsync(4, 2, "Q1"));
        Assert.Equal(0, await Store.HintsRevealedAsync(null, 2, "Q1"));
        await Store.RecordHintsAsync(null, 2, "Q1", 1, Start);
        Assert.Equal(new HintReveal(0, 2, "Q1", 1, Start, Start), Assert.Single(await Store.RevealsOfAsync(2), r => r.GuildId == 0));
    }

    [Fact]
    public async Task Deleting_a_members_reveals_removes_them_in_every_server_and_nobody_elses()
    {
        await Store.RecordHintsAsync(1, 2, "Q1", 1, Start);
        await Store.RecordHintsAsync(5, 2, "Q2", 2, Start);
        await Store.RecordHintsAsync(1, 3, "Q1", 1, Start);

        Assert.Equal(2, (await Store.RevealsOfAsync(2)).Count);
        Assert.Equal(2, await Store.DeleteRevealsOfAsync(2));

        var reopened = Reopen();
        Assert.Empty(await reopened.RevealsOfAsync(2));
        Assert.Equal(1, await reopened.HintsRevealedAsync(1, 3, "Q1"));
        Assert.Equal(0, await reopened.DeleteRevealsOfAsync(2));
    }

    [Fact]
    public async Task The_shown_history_keeps_the_latest_time_per_question_each_channel_its_own_and_survives_a_reopen()
    {
        await Store.RecordShownAsync(10, "Q1", Start);
        await Store.RecordShownAsync(10, "Q2", Start.AddMinutes(1));
        await Store.RecordShownAsync(10, "Q1", Start.AddMinutes(2));
        await Store.RecordShownAsync(11, "Q3", Start);

        var reopened = Reopen();
        Assert.Equal(
            new Dictionary<string, DateTimeOffset> { ["Q1"] = Start.AddMinutes(2), ["Q2"] = Start.AddMinutes(1) },
            await reopened.ShownInAsync(10));
        Assert.Equal(["Q3"], (await reopened.ShownInAsync(11)).Keys);
        Assert.Empty(await reopened.ShownInAsync(12));
    }

    [Fact]
    public async Task What_the_shown_history_returned_does_not_change_with_later_records()
    {
        await Store.RecordShownAsync(10, "Q1", Start);
        var before = await Store.ShownInAsync(10);

        await Store.RecordShownAsync(10, "Q2", Start.AddMinutes(1));

        Assert.Equal(["Q1"], before.Keys);
    }

    [Fact]
    public async Task Concurrent_records_in_one_channel_all_land()
    {
        var questions = Enumerable.Range(0, 64).Select(i => $"Q{i}").ToArray();

        await Parallel.ForEachAsync(questions, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (id, _) => await Store.RecordShownAsync(10, id, Start));

        Assert.Equal(questions.Order(), (await Reopen().ShownInAsync(10)).Keys.Order());
    }
}
