using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Learning;

/// <summary>
/// Nailed it / Partly / Missed (<see cref="GradeId"/>): records the member's grade with the rubric points ticked, which
/// schedules the question's next review. On the private card it was pressed on, the grade replaces the buttons.
/// </summary>
public sealed class GradeButton(QuestionBank bank, ILearningStore store, TimeProvider time, ILogger<GradeButton> logger) : ComponentHandler<GradeId>
{
    protected override async ValueTask<InteractionReply> HandleAsync(InteractionContext context, GradeId id, CancellationToken ct)
    {
        // The covered set travels in the custom id, which the client sends: it must name points the rubric has.
        if (bank.Find(id.QuestionId) is not { } question || id.Covered < 0 || id.Covered >= 1 << question.Rubric.Count)
        {
            return StaleComponent.Reply();
        }
        var grade = new GradeEntry(context.User.Id, question.Id, id.Grade, id.Covered, question.Rubric.Count, time.GetUtcNow());
        var card = await store.RecordGradeAsync(grade);
        Log.GradeRecorded(logger, grade.UserId, question.Id, grade.Grade, card.State.IntervalDays);
        var confirmation = GradingCard.Confirmation(grade, card);
        return context.Interaction.Message is { } message && ((message.Flags ?? 0) & MessageFlags.Ephemeral) != 0
            ? InteractionReply.Update(GradingCard.Graded(message, confirmation))
            : InteractionReply.Private(confirmation);
    }
}
