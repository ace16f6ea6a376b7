using MlePrep.Bot.Answers;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Learning;

/// <summary>A member's learning picture, gathered from their grades, answers and hint reveals.</summary>
public sealed class MemberLearning(QuestionBank bank, ILearningStore learning, IAnswerStore answers, IPracticeStore practice) : IWeakTopics
{
    /// <summary>Their mastery per topic they have seen, weakest first.</summary>
    public async ValueTask<IReadOnlyList<TopicMastery>> TopicsAsync(ulong userId)
    {
        var grades = await learning.GradesOfAsync(userId);
        var answered = (await answers.OfAsync(userId)).Select(a => a.QuestionId);
        var hinted = (await practice.RevealsOfAsync(userId)).Select(r => r.QuestionId);
        return Mastery.Of(bank, grades, answered.Concat(hinted));
    }

    public async ValueTask<string?> WeakestAsync(ulong userId) => Mastery.Weakest(await TopicsAsync(userId));
}
