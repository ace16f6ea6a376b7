using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Practice;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Practice;

public sealed class AnotherButtonTests
{
    private static readonly QuestionBank Bank = new(
    [
        TestData.Question("T1", topic: "llm"),
        TestData.Question("T2", topic: "python"),
        TestData.Question("B1", category: "behavioral", topic: "career"),
    ]);

    private readonly WeakTopicsStub _weakTopics = new();

    private InteractionReply Press(string customId) =>
        new AnotherButton(Bank, new QuestionPicker(new LitePracticeStore(BotDatabase.InMemory()), new FakeTimeProvider(), new Random(1)), _weakTopics)
            .HandleAsync(new InteractionContext(TestData.Button(customId)), default).AsTask().Result;

    [Fact]
    public void Another_on_a_weakest_post_picks_from_the_pressers_weakest_topic_and_keeps_weakest()
    {
        _weakTopics.Weakest = "llm";

        var reply = Press("another:::weakest");

        Assert.Equal("T1 · Technical", reply.Message!.Embeds![0].Title);
        Assert.Equal("another:::weakest", reply.Message.Components![0].Components![2].CustomId);
    }

    [Fact]
    public void Another_on_a_weakest_post_before_any_grade_says_why()
    {
        Assert.Equal(WeakestTopic.NoneYet, Press("another:::weakest").Message!.Content);
    }

    [Fact]
    public void A_weakest_topic_the_posts_other_filters_exclude_is_named()
    {
        _weakTopics.Weakest = "python";

        var reply = Press("another:behavioral::weakest");

        Assert.True(reply.Ephemeral);
        Assert.StartsWith("Your weakest topic is now `python`", reply.Message!.Content);
    }
}
