using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Practice;

/// <summary>The topic <c>weakest</c> of /question and 🎲 Another: the weakest topic of whoever asks, looked up each time.</summary>
public static class WeakestTopic
{
    internal const string NoneYet =
        "You have not graded any question yet, so there is no weakest topic. Answer a question, grade yourself against its rubric, then ask again.";

    /// <summary>The filter to pick from, its topic the member's weakest when it asks for that; null when they have none.</summary>
    public static async ValueTask<QuestionFilter?> ResolveAsync(QuestionFilter filter, IWeakTopics weakTopics, ulong userId) =>
        filter.Topic != IWeakTopics.Keyword ? filter
        : await weakTopics.WeakestAsync(userId) is { } topic ? filter with { Topic = topic }
        : null;
}
