using Microsoft.Extensions.Options;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Answers;

/// <summary>
/// ✍️ Answer (<see cref="AnswerId"/>, built by <see cref="PostButtons.Answer"/>): opens a modal to write an answer in. The modal carries the same question and occurrence to <see cref="AnswerModal"/>.
/// On a daily question the modal also asks whether to share the answer with the group after the deadline: a String Select
/// in a Label, set to the member's current choice (private until they choose otherwise).
/// </summary>
public sealed class AnswerButton(QuestionBank bank, IOptions<PracticeOptions> options, IAnswerSharing sharing) : ComponentHandler<AnswerId>
{
    public const string InputId = "answer";

    /// <summary>The sharing choice's select, and the value that shares.</summary>
    public const string ShareInputId = "share";
    public const string ShareValue = "share";
    private const string PrivateValue = "private";

    public override bool OpensModal => true;

    protected override async ValueTask<InteractionReply> HandleAsync(InteractionContext context, AnswerId id, CancellationToken ct)
    {
        if (bank.Find(id.QuestionId) is not { } question)
        {
            return StaleComponent.Reply();
        }
        var input = Component.LabeledTextInput(
            "Your answer", InputId, paragraph: true,
            minLength: options.Value.MinAnswerLength, maxLength: PracticeOptions.MaxAnswerLength,
            description: Shorten(question.Prompt, 100),
            placeholder: "Answer as you would in the interview; you'll see the answer key next.");
        Component[] components = [input];
        if (id.OccurrenceId is { } occurrenceId)
        {
            var shared = await sharing.IsSharedAsync(occurrenceId, context.User.Id);
            components = [input, Component.LabeledSelect("Share my answer after the deadline?", ShareInputId,
            [
                new SelectOption("No, keep it private", PrivateValue, "Only you see it", Default: !shared),
                new SelectOption("Yes, share it with the group", ShareValue, "Shown in the post's thread when the next question is out", Default: shared),
            ], description: "The group can 👍 shared answers. You can withdraw until the reveal.")];
        }
        return InteractionReply.OpenModal(CustomIds.Format(new AnswerModalId(question.Id, id.OccurrenceId)), $"Your answer to {question.Id}", components);
    }

    private static string Shorten(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
