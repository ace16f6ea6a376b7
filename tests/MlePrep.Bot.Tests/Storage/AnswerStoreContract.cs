using MlePrep.Bot.Answers;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>
/// What every <see cref="IAnswerStore"/> adapter must do (the contract on the interface). Each adapter runs these facts
/// through a subclass that opens it on empty storage.
/// </summary>
public abstract partial class AnswerStoreContract
{
    private const ulong Guild = 1, Channel = 10, OtherChannel = 11;
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The adapter under test, on storage that starts empty.</summary>
    protected abstract IAnswerStore Store { get; }

    /// <summary>A new adapter instance on the same storage: nothing kept in memory by the previous one survives.</summary>
    protected abstract IAnswerStore Reopen();

    private static AnswerSubmission Daily(ulong user, string occurrenceId, string text, DateTimeOffset at, int hints = 0, ulong channel = Channel) =>
        new(Guild, user, channel, "Q1", occurrenceId, text, hints, at);

    private static AnswerSubmission Practice(ulong user, string questionId, DateTimeOffset at) =>
        new(Guild, user, Channel, questionId, null, "practice", 0, at);

    [Fact]
    public async Task A_second_answer_to_an_occurrence_replaces_the_first_keeps_its_time_and_never_lowers_the_hints()
    {
        var first = await Store.SaveAsync(Daily(7, "10:2026-11-30", "first", Start, hints: 2));
        var second = await Store.SaveAsync(Daily(7, "10:2026-11-30", "edited", Start.AddHours(1), hints: 0));

        Assert.False(first.Replaced);
        Assert.True(second.Replaced);
        var expected = new Answer("1:7:10:2026-11-30", Guild, 7, Channel, "Q1", "10:2026-11-30", "edited", 2, Start, Start.AddHours(1), 2);
        Assert.Equal(expected, second.Answer);
        var reopened = Reopen();
        Assert.Equal([expected], await reopened.OfAsync(7));
        Assert.Equal(1, await reopened.CountForAsync("10:2026-11-30"));
        Assert.Equal([new AnswerStamp(7, "10:2026-11-30", Start)], await reopened.DailyInAsync(Channel, 7));
    }

    [Fact]
    public async Task Concurrent_answers_of_one_member_to_one_occurrence_are_one_answer_with_every_revision()
    {
        const int Saves = 32;

        await Parallel.ForEachAsync(Enumerable.Range(0, Saves), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => await Store.SaveAsync(Daily(7, "10:2026-11-30", $"take {i}", Start.AddSeconds(i))));

        var answer = Assert.Single(await Reopen().OfAsync(7));
        Assert.Equal(Saves, answer.Revisions);
    }

    [Fact]
    public async Task Answers_are_kept_per_member_occurrence_and_server_and_practice_ones_per_question()
    {
        await Store.SaveAsync(Daily(7, "10:2026-11-30", "a", Start));
        await Store.SaveAsync(Daily(8, "10:2026-11-30", "b", Start.AddMinutes(1)));
        await Store.SaveAsync(Daily(7, "10:2026-12-01", "c", Start.AddDays(1)));
        await Store.SaveAsync(Daily(7, "11:2026-11-30", "d", Start, channel: OtherChannel));
        await Store.SaveAsync(new AnswerSubmission(2, 7, Channel, "Q1", "10:2026-11-30", "another server", 0, Start));
        await Store.SaveAsync(Practice(7, "Q2", Start));
        var practiceAgain = await Store.SaveAsync(Practice(7, "Q2", Start.AddMinutes(1)));
        await Store.SaveAsync(Practice(7, "Q3", Start));

        Assert.True(practiceAgain.Replaced);
        Assert.Equal(6, (await Store.OfAsync(7)).Count);
        Assert.Equal(3, await Store.CountForAsync("10:2026-11-30"));
        Assert.Equal(
            [(7UL, "10:2026-11-30"), (7UL, "10:2026-11-30"), (7UL, "10:2026-12-01"), (8UL, "10:2026-11-30")],
            (await Store.DailyInAsync(Channel)).Select(s => (s.UserId, s.OccurrenceId)).Order());
        Assert.Equal(["11:2026-11-30"], (await Store.DailyInAsync(OtherChannel, 7)).Select(s => s.OccurrenceId));
    }

    [Fact]
    public async Task The_ranking_version_changes_with_what_ranks_and_only_in_that_channel()
    {
        var empty = await Store.RankingVersionAsync(Channel);

        await Store.SaveAsync(Daily(7, "10:2026-11-30", "first", Start));
        var answered = await Store.RankingVersionAsync(Channel);
        Assert.NotEqual(empty, answered);

        await Store.SaveAsync(Daily(7, "10:2026-11-30", "edited", Start.AddHours(1)));
        await Store.SaveAsync(Practice(7, "Q2", Start));
        Assert.Equal(answered, await Store.RankingVersionAsync(Channel));

        var other = await Store.RankingVersionAsync(OtherChannel);
        await Store.DeleteAllOfAsync(7);
        Assert.NotEqual(answered, await Store.RankingVersionAsync(Channel));
        Assert.Equal(other, await Store.RankingVersionAsync(OtherChannel));
    }

    [Fact]
    public async Task Deleting_a_members_answers_removes_them_in_every_server_returns_them_and_leaves_others()
    {
        await Store.SaveAsync(Daily(7, "10:2026-11-30", "a", Start));
        await Store.SaveAsync(new AnswerSubmission(2, 7, OtherChannel, "Q1", null, "elsewhere", 0, Start));
        await Store.SaveAsync(Daily(8, "10:2026-11-30", "b", Start));

        var deleted = await Store.DeleteAllOfAsync(7);

        Assert.Equal(["a", "elsewhere"], deleted.Select(a => a.Text).Order());
        var reopened = Reopen();
        Assert.Empty(await reopened.OfAsync(7));
        Assert.Equal(1, await reopened.CountForAsync("10:2026-11-30"));
        Assert.Empty(await reopened.DeleteAllOfAsync(7));
    }
}
