using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Tests.Questions;

public sealed class QuestionCardsTests
{
    [Fact]
    public void The_answer_key_ends_with_the_sources()
    {
        var q = TestData.Question("T1") with { Sources = ["https://docs.python.org/3/howto/free-threading-python.html", "https://peps.python.org/pep-0779/"] };

        Assert.EndsWith(
            "\n\n**Sources:** https://docs.python.org/3/howto/free-threading-python.html · https://peps.python.org/pep-0779/",
            QuestionCards.AnswerKey(q));
    }

    [Fact]
    public void An_answer_key_without_sources_has_no_sources_line()
    {
        Assert.DoesNotContain("Sources", QuestionCards.AnswerKey(TestData.Question("T1")));
    }
}
