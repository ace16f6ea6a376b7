using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Practice;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Tests.Questions;

/// <summary>career-faq questions grade the guide's opinions: shown when asked for, never picked at random.</summary>
public sealed class CareerFaqTests
{
    private static readonly QuestionBank Bank = new(
    [
        TestData.Question("T1", topic: "career"),
        TestData.Question("T2", category: "behavioral", topic: "career"),
        TestData.Question("F1", category: "career-faq", topic: "career"),
        TestData.Question("F2", category: "career-faq", topic: "career"),
    ]);

    [Fact]
    public void Filters_without_a_category_leave_career_faq_out()
    {
        Assert.Equal(["T1", "T2"], Bank.Filter(QuestionFilter.None).Select(q => q.Id));
        Assert.Equal(["T1", "T2"], Bank.Filter(new QuestionFilter(Topic: "career")).Select(q => q.Id));
        Assert.Equal(["T1", "T2"], Bank.Filter(new QuestionFilter(Difficulty: "easy")).Select(q => q.Id));
    }

    [Fact]
    public void Career_faq_is_reachable_by_category_and_by_id()
    {
        var byCategory = new QuestionFilter(Category: "career-faq");

        Assert.Equal(["F1", "F2"], Bank.Filter(byCategory).Select(q => q.Id));
        // 🎲 Another carries the filter in its custom id: it keeps drawing from career-faq.
        var carried = Assert.IsType<AnotherId>(CustomIds.Parse(AnotherButton.CustomId(byCategory)));
        Assert.Equal(["F1", "F2"], Bank.Filter(new QuestionFilter(carried.Category, carried.Difficulty, carried.Topic)).Select(q => q.Id));
        Assert.Equal("F2", Bank.Find("f2")!.Id);
        Assert.Contains("career-faq", Bank.Categories);
    }

    [Fact]
    public void A_daily_rotation_without_a_category_never_posts_career_faq()
    {
        var schedule = new DailySchedule();
        var random = new Random(3);

        var posted = new string[20];
        for (var i = 0; i < posted.Length; i++)
        {
            (var question, schedule) = QuestionRotation.Next(schedule, Bank, random);
            posted[i] = question.Id;
        }

        Assert.Equal(["T1", "T2"], posted.Distinct().Order());
    }

    [Fact]
    public void A_career_faq_daily_rotation_posts_only_career_faq()
    {
        var schedule = new DailySchedule { Category = "career-faq" };
        var random = new Random(3);

        var posted = new string[6];
        for (var i = 0; i < posted.Length; i++)
        {
            (var question, schedule) = QuestionRotation.Next(schedule, Bank, random);
            posted[i] = question.Id;
        }

        Assert.Equal(["F1", "F2"], posted.Distinct().Order());
    }

    [Fact]
    public void Career_faq_has_its_own_title()
    {
        Assert.Equal("Career FAQ", QuestionCards.CategoryTitle("career-faq"));
    }
}
