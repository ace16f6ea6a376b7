using System.Globalization;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Learning;

/// <summary>
/// The rubric multi-select (<see cref="RubricId"/>): keeps the card as it is, with the ticked points shown ticked and
/// carried by the grade buttons, so the grade records them.
/// </summary>
public sealed class RubricSelect(QuestionBank bank) : ComponentHandler<RubricId>
{
    protected override ValueTask<InteractionReply> HandleAsync(InteractionContext context, RubricId id, CancellationToken ct)
    {
        if (bank.Find(id.QuestionId) is not { } question || context.Interaction.Message is not { } card || Covered(context.Data.Values ?? [], question.Rubric.Count) is not { } covered)
        {
            return ValueTask.FromResult(StaleComponent.Reply());
        }
        return ValueTask.FromResult(InteractionReply.Update(new MessagePayload
        {
            Content = card.Content,
            Embeds = card.Embeds,
            Components = GradeButtons.Rows(question.Id, question.Rubric, covered),
        }));
    }

    /// <summary>The bit set of the chosen points; null when a value is no point of the rubric.</summary>
    internal static int? Covered(IReadOnlyList<string> values, int points)
    {
        var covered = 0;
        foreach (var value in values)
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i >= points)
            {
                return null;
            }
            covered |= 1 << i;
        }
        return covered;
    }
}
