using Microsoft.Extensions.Options;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Answers;

/// <summary>
/// ✍️ Answer (<c>answer:{questionId}</c>, on daily posts <c>answer:{questionId}:{occurrenceId}</c>): opens a modal
/// to write an answer in. The modal carries the same question and occurrence to <see cref="AnswerModal"/>.
/// </summary>
public sealed class AnswerButton(QuestionBank bank, IOptions<PracticeOptions> options) : IComponentHandler
{
    public const string InputId = "answer";

    private const int CustomIdLimit = 100;

    public string Prefix => "answer";

    public bool OpensModal => true;

    /// <summary>The button for a post; pass the occurrence id (<c>{channelId}:{yyyy-MM-dd}</c>) on daily posts.</summary>
    public static Component Button(string questionId, string? occurrenceId = null) =>
        Component.Button(ButtonStyle.Success, "Answer", CustomId("answer", questionId, occurrenceId), "✍️");

    internal static string CustomId(string prefix, string questionId, string? occurrenceId)
    {
        var id = occurrenceId is null ? $"{prefix}:{questionId}" : $"{prefix}:{questionId}:{occurrenceId}";
        return id.Length <= CustomIdLimit ? id : throw new ArgumentException($"Custom id '{id}' is longer than Discord's {CustomIdLimit} characters.");
    }

    /// <summary>Splits <c>{questionId}[:{occurrenceId}]</c>; question ids have no colon, occurrence ids do.</summary>
    internal static (string QuestionId, string? OccurrenceId) Parse(string args) =>
        args.IndexOf(':', StringComparison.Ordinal) is var i and >= 0 ? (args[..i], args[(i + 1)..]) : (args, null);

    public ValueTask<InteractionReply> HandleAsync(InteractionContext context, CancellationToken ct)
    {
        var (questionId, occurrenceId) = Parse(context.CustomIdArgs);
        if (bank.Find(questionId) is not { } question)
        {
            return ValueTask.FromResult(InteractionReply.Private(InteractionRouter.StaleComponentMessage));
        }
        var input = Component.LabeledTextInput(
            "Your answer", InputId, paragraph: true,
            minLength: options.Value.MinAnswerLength, maxLength: PracticeOptions.MaxAnswerLength,
            description: Shorten(question.Prompt, 100),
            placeholder: "Answer as you would in the interview; you'll see the answer key next.");
        return ValueTask.FromResult(InteractionReply.OpenModal(AnswerModal.CustomId(question.Id, occurrenceId), $"Your answer to {question.Id}", [input]));
    }

    private static string Shorten(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
