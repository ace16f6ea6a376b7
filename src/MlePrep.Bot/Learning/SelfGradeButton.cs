using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Learning;

/// <summary>
/// 🧠 Grade without answering (<see cref="SelfGradeId"/>, on the last hint rung and on /review cards): the answer key and
/// the grading components privately, for an answer given in one's head. Nothing is saved until a grade is pressed.
/// </summary>
public sealed class SelfGradeButton(QuestionBank bank) : ComponentHandler<SelfGradeId>
{
    internal const string Prompt =
        "🧠 Answered it in your head? Compare with the key, tick the rubric points you covered, and grade yourself. It schedules the question in `/review`; grades never affect streaks.";

    protected override ValueTask<InteractionReply> HandleAsync(InteractionContext context, SelfGradeId id, CancellationToken ct) =>
        ValueTask.FromResult(bank.Find(id.QuestionId) is not { } question
            ? StaleComponent.Reply()
            : InteractionReply.Private(new MessagePayload
            {
                Content = Prompt,
                Embeds = [QuestionCards.AnswerKeyEmbed(question)],
                Components = GradeButtons.Rows(question.Id, question.Rubric),
            }));
}
