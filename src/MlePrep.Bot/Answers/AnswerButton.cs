using Microsoft.Extensions.Options;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Answers;

/// <summary>
/// ✍️ Answer (<see cref="AnswerId"/>, built by <see cref="PostButtons.Answer"/>): opens a modal to write an answer in. The modal carries the same question and occurrence to <see cref="AnswerModal"/>.
/// </summary>
public sealed class AnswerButton(QuestionBank bank, IOptions<PracticeOptions> options) : ComponentHandler<AnswerId>
{
    public const string InputId = "answer";

    public override bool OpensModal => true;

    protected override ValueTask<InteractionReply> HandleAsync(InteractionContext context, AnswerId id, CancellationToken ct)
    {
        if (bank.Find(id.QuestionId) is not { } question)
        {
            return ValueTask.FromResult(StaleComponent.Reply());
        }
        var input = Component.LabeledTextInput(
            "Your answer", InputId, paragraph: true,
            minLength: options.Value.MinAnswerLength, maxLength: PracticeOptions.MaxAnswerLength,
            description: Shorten(question.Prompt, 100),
            placeholder: "Answer as you would in the interview; you'll see the answer key next.");
        return ValueTask.FromResult(InteractionReply.OpenModal(CustomIds.Format(new AnswerModalId(question.Id, id.OccurrenceId)), $"Your answer to {question.Id}", [input]));
    }

    private static string Shorten(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
