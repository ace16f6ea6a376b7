using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Practice;

/// <summary>
/// 💡 Hint (<see cref="HintId"/>): shows the presser hints 1..rung privately. Pressed on the public
/// post it opens a private hint card; "Next hint" on that card updates it to the next rung.
/// </summary>
public sealed class HintButton(QuestionBank bank, IPracticeStore practice, TimeProvider time) : ComponentHandler<HintId>
{
    protected override async ValueTask<InteractionReply> HandleAsync(InteractionContext context, HintId id, CancellationToken ct)
    {
        if (bank.Find(id.QuestionId) is not { } question)
        {
            return StaleComponent.Reply();
        }

        var rung = Math.Clamp(id.Rung, 1, question.Hints.Count);
        await practice.RecordHintsAsync(context.GuildId, context.User.Id, question.Id, rung, time.GetUtcNow());
        var card = new MessagePayload
        {
            Embeds = [QuestionCards.HintEmbed(question, rung)],
            Components = rung < question.Hints.Count
                ? [Component.ActionRow(Component.Button(ButtonStyle.Primary, $"Next hint ({rung + 1}/{question.Hints.Count})", CustomIds.Format(new HintId(question.Id, rung + 1)), "💡"))]
                : [Component.ActionRow(GradeButtons.WithoutAnswering(question.Id))],
        };
        // On the private card itself ("Next hint" is past rung 1), move it along; from a post (public, or a private /review
        // card, whose Answer button must stay), open a new private card.
        var onCard = id.Rung > 1 && context.Interaction.Message?.Flags is { } flags && (flags & MessageFlags.Ephemeral) != 0;
        return onCard ? InteractionReply.Update(card) : InteractionReply.Private(card);
    }
}
