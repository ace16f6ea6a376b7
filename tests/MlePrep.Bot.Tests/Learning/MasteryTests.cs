using MlePrep.Bot.Interactions;
using MlePrep.Bot.Learning;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Tests.Learning;

public sealed class MasteryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly QuestionBank Bank = new(
    [
        TestData.Question("A1", topic: "python"), TestData.Question("A2", topic: "python"), TestData.Question("A3", topic: "python"),
        TestData.Question("B1", topic: "llm"), TestData.Question("B2", topic: "llm"),
        TestData.Question("C1", topic: "mlops"),
    ]);

    private static GradeEntry G(string questionId, Grade grade, int minutes = 0) => new(1, questionId, grade, 0, 0, T0.AddMinutes(minutes));

    [Theory]
    [InlineData(new[] { Grade.Nailed }, 50)] // 100 × 1 / 2
    [InlineData(new[] { Grade.Nailed, Grade.Nailed }, 67)] // 100 × 2 / 3 = 66.7
    [InlineData(new[] { Grade.Nailed, Grade.Partly }, 50)] // 100 × 1.5 / 3
    [InlineData(new[] { Grade.Partly }, 25)] // 100 × 0.5 / 2
    [InlineData(new[] { Grade.Missed, Grade.Missed }, 0)]
    public void The_score_is_nailed_plus_half_partly_over_graded_plus_one(Grade[] grades, int score)
    {
        var topics = Mastery.Of(Bank, grades.Select((g, i) => G($"A{i + 1}", g)), []);

        Assert.Equal(score, Assert.Single(topics).Score);
    }

    [Fact]
    public void Each_question_counts_once_by_its_latest_grade()
    {
        var topic = Assert.Single(Mastery.Of(Bank, [G("A1", Grade.Missed, 0), G("A1", Grade.Nailed, 5), G("A1", Grade.Partly, 1)], []));

        Assert.Equal((1, 1, 0, 0, 50), (topic.Graded, topic.Nailed, topic.Partly, topic.Missed, topic.Score));
    }

    [Fact]
    public void Seen_counts_answered_and_hinted_questions_too_and_the_weakest_graded_topic_comes_first()
    {
        var topics = Mastery.Of(Bank, [G("A1", Grade.Nailed), G("B1", Grade.Missed), G("C1", Grade.Partly)], ["A2", "A3", "B2", "GONE"]);

        Assert.Equal(["llm", "mlops", "python"], topics.Select(t => t.Topic));
        Assert.Equal([2, 1, 3], topics.Select(t => t.Seen));
        Assert.Equal("llm", Mastery.Weakest(topics));
    }

    [Fact]
    public void A_topic_only_seen_is_not_the_weakest_and_no_grade_means_no_weakest()
    {
        Assert.Null(Mastery.Weakest(Mastery.Of(Bank, [], ["A1", "B1"])));
        Assert.Equal("python", Mastery.Weakest(Mastery.Of(Bank, [G("A1", Grade.Nailed)], ["B1"])));
    }

    [Fact]
    public void Ties_go_to_more_missed_then_to_the_name()
    {
        // All three score 0: llm has two Missed, python one, mlops is only seen.
        var topics = Mastery.Of(Bank, [G("A1", Grade.Missed), G("B1", Grade.Missed), G("B2", Grade.Missed)], ["C1"]);

        Assert.Equal(["llm", "python", "mlops"], topics.Select(t => t.Topic));
    }
}
