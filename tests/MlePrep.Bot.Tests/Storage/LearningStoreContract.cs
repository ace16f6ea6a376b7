using MlePrep.Bot.Interactions;
using MlePrep.Bot.Learning;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>
/// What every <see cref="ILearningStore"/> adapter must do (the contract on the interface). Each adapter runs these facts
/// through a subclass that opens it on empty storage.
/// </summary>
public abstract class LearningStoreContract
{
    private static readonly DateTimeOffset Start = new(2028, 2, 24, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The adapter under test, on storage that starts empty.</summary>
    protected abstract ILearningStore Store { get; }

    /// <summary>A new adapter instance on the same storage: nothing kept in memory by the previous one survives.</summary>
    protected abstract ILearningStore Reopen();

    private static GradeEntry G(ulong user, string question, Grade grade, DateTimeOffset at, int covered = 0, int points = 0) =>
        new(user, question, grade, covered, points, at);

    [Fact]
    public async Task A_grade_is_kept_in_the_history_and_advances_the_card_by_sm2_from_the_stored_card()
    {
        await Store.RecordGradeAsync(G(1, "Q1", Grade.Nailed, Start));
        var second = await Reopen().RecordGradeAsync(G(1, "Q1", Grade.Partly, Start.AddDays(1), covered: 0b11, points: 4));

        // Nailed: 1 day, EF 2.6; Partly: 6 days (second repetition), EF 2.46. 25 Feb 2028 + 6 days = 2 March (leap year).
        Assert.Equal(new ReviewCard(1, "Q1", Grade.Partly, new Sm2State(2, 2.46, 6), 2, Start.AddDays(1), new DateTimeOffset(2028, 3, 2, 9, 0, 0, TimeSpan.Zero)), second);
        Assert.Equal(second, Assert.Single(await Reopen().CardsOfAsync(1)));
        Assert.Equal([G(1, "Q1", Grade.Nailed, Start), G(1, "Q1", Grade.Partly, Start.AddDays(1), 0b11, 4)], await Store.GradesOfAsync(1));
    }

    [Fact]
    public async Task Grades_come_back_oldest_first_and_cards_one_per_question()
    {
        await Store.RecordGradeAsync(G(1, "Q2", Grade.Missed, Start.AddHours(2)));
        await Store.RecordGradeAsync(G(1, "Q1", Grade.Nailed, Start));
        await Store.RecordGradeAsync(G(1, "Q1", Grade.Nailed, Start.AddHours(1)));

        Assert.Equal(["Q1", "Q1", "Q2"], (await Store.GradesOfAsync(1)).Select(g => g.QuestionId));
        Assert.Equal(["Q1", "Q2"], (await Store.CardsOfAsync(1)).Select(c => c.QuestionId).Order());
    }

    [Fact]
    public async Task Concurrent_grades_of_one_question_all_count()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () => await Store.RecordGradeAsync(G(1, "Q1", Grade.Nailed, Start.AddMinutes(i))))));

        var card = Assert.Single(await Store.CardsOfAsync(1));
        Assert.Equal((8, 8), (card.Reviews, card.State.Repetitions));
        Assert.Equal(8, (await Store.GradesOfAsync(1)).Count);
    }

    [Fact]
    public async Task Deleting_a_members_data_removes_their_grades_and_cards_and_nobody_elses()
    {
        await Store.RecordGradeAsync(G(1, "Q1", Grade.Nailed, Start));
        await Store.RecordGradeAsync(G(1, "Q1", Grade.Missed, Start.AddDays(1)));
        await Store.RecordGradeAsync(G(1, "Q2", Grade.Missed, Start));
        await Store.RecordGradeAsync(G(2, "Q1", Grade.Partly, Start));

        Assert.Equal(new LearningDeleted(3, 2), await Store.DeleteAllOfAsync(1));

        Assert.Empty(await Reopen().GradesOfAsync(1));
        Assert.Empty(await Store.CardsOfAsync(1));
        Assert.Single(await Store.GradesOfAsync(2));
        Assert.Single(await Store.CardsOfAsync(2));
        // A first grade after the deletion starts the card afresh.
        Assert.Equal(1, (await Store.RecordGradeAsync(G(1, "Q1", Grade.Nailed, Start.AddDays(2)))).Reviews);
    }

    [Fact]
    public async Task What_a_call_returned_does_not_change_with_later_writes()
    {
        await Store.RecordGradeAsync(G(1, "Q1", Grade.Nailed, Start));
        var grades = await Store.GradesOfAsync(1);
        var cards = await Store.CardsOfAsync(1);

        await Store.RecordGradeAsync(G(1, "Q1", Grade.Missed, Start.AddDays(1)));

        Assert.Single(grades);
        Assert.Equal(Grade.Nailed, Assert.Single(cards).LastGrade);
    }
}
