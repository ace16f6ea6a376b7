using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Learning;

/// <summary>
/// <c>/review</c>: the member's question most overdue for review, privately, with Hint, Answer and Grade without answering
/// (each grade reschedules it). With nothing due: when the next review is, and a question from their weakest topic.
/// </summary>
public sealed class ReviewCommand(QuestionBank bank, ILearningStore store, TimeProvider time) : ISlashCommand
{
    internal const string NothingGraded =
        "Nothing to review yet. After you answer a question (or reach its last hint), grade yourself against the rubric: " +
        "it comes back here when it is due, sooner when you missed it.";

    public ApplicationCommand Definition { get; } = new()
    {
        Name = "review",
        Description = "Your next question due for review (spaced repetition of the ones you graded)",
        Contexts = [0],
        IntegrationTypes = [0],
    };

    public bool RepliesPrivately => true;

    public async ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // Questions since removed from the bank cannot be shown; their cards wait (and go with /mydata delete).
        var cards = (await store.CardsOfAsync(context.User.Id)).Where(c => bank.Find(c.QuestionId) is not null).ToList();
        if (cards.Count == 0)
        {
            return InteractionReply.Private(NothingGraded);
        }
        var due = cards.Where(c => c.DueAt <= now).OrderBy(c => c.DueAt).ThenBy(c => c.QuestionId, StringComparer.Ordinal).ToList();
        if (due.Count == 0)
        {
            var next = cards.Min(c => c.DueAt).ToUnixTimeSeconds();
            return InteractionReply.Private(new MessagePayload
            {
                Content = $"✅ Nothing is due. Your next review is due <t:{next}:R> (<t:{next}:f>). Meanwhile, practise your weakest topic:",
                Components =
                [
                    Component.ActionRow(Component.Button(ButtonStyle.Primary, "A question from my weakest topic",
                        CustomIds.Format(new AnotherId(null, null, IWeakTopics.Keyword)), "🎯")),
                ],
            });
        }
        var card = due[0];
        var question = bank.Find(card.QuestionId)!;
        var more = due.Count > 1 ? $" · {due.Count - 1} more due after this one" : "";
        return InteractionReply.Private(new MessagePayload
        {
            Content = $"🔁 **Review** · due <t:{card.DueAt.ToUnixTimeSeconds()}:R> · last time you graded it **{GradingCard.Label(card.LastGrade)}**{more}.",
            Embeds = [QuestionCards.QuestionEmbed(question, footer: $"{question.Id} · answer it, or grade yourself without answering; each grade reschedules it")],
            Components = [Component.ActionRow(PostButtons.Hint(question.Id), PostButtons.Answer(question.Id), GradeButtons.WithoutAnswering(question.Id))],
        });
    }
}
