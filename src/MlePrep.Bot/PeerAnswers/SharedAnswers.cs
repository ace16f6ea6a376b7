using MlePrep.Bot.Answers;

namespace MlePrep.Bot.PeerAnswers;

internal static class SharedAnswers
{
    /// <summary>The stored answer a share points at (its text is kept there only), or null when it was deleted.</summary>
    public static async ValueTask<Answer?> AnswerOfAsync(this IAnswerStore answers, PeerShare share) =>
        (await answers.OfAsync(share.UserId)).FirstOrDefault(a => a.Id == share.AnswerId);
}
