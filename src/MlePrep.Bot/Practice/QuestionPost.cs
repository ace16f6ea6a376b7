using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Practice;

/// <summary>The public message that shows a question with its buttons (used by /question and 🎲 Another).</summary>
public static class QuestionPost
{
    public static MessagePayload Create(Question question, QuestionFilter filter) => new()
    {
        Embeds = [QuestionCards.QuestionEmbed(question)],
        Components =
        [
            Component.ActionRow(
                PostButtons.Hint(question.Id),
                PostButtons.Answer(question.Id),
                Component.Button(ButtonStyle.Secondary, "Another", AnotherButton.CustomId(filter), "🎲")),
        ],
    };
}
