using System.Text;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Learning;
using MlePrep.Bot.MockInterviews;
using MlePrep.Bot.PeerAnswers;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.MyData;

/// <summary><c>/mydata</c>: shows a member everything stored about them, privately, and offers to delete it.</summary>
public sealed class MyDataCommand(IAnswerStore answers, IPracticeStore practice, ILearningStore learning, IMockStore mocks, PeerMemberData peers) : ISlashCommand
{
    private const int RecentShown = 5;

    /// <summary>Enough to recognise an answer; its markdown is escaped and mentions broken, as for any echo of member text.</summary>
    private const int ExcerptLength = 60;

    public ApplicationCommand Definition { get; } = new()
    {
        Name = "mydata",
        Description = "See what the bot stores about you, and delete it",
        Contexts = [0],
        IntegrationTypes = [0],
    };

    public bool RepliesPrivately => true;

    public async ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct)
    {
        var userId = context.User.Id;
        var mine = (await answers.OfAsync(userId)).OrderByDescending(a => a.UpdatedAt).ToList();
        var reveals = await practice.RevealsOfAsync(userId);
        var text = new StringBuilder("**What the bot stores about you** (in every server it shares with you)\n");
        text.Append($"• Answers: {mine.Count} ({mine.Count(a => a.OccurrenceId is not null)} to daily questions)\n");
        foreach (var answer in mine.Take(RecentShown))
        {
            text.Append($"  – `{answer.QuestionId}` <t:{answer.UpdatedAt.ToUnixTimeSeconds()}:d>: {UserText.Plain(answer.Text, ExcerptLength)}\n");
        }
        text.Append($"• Hint reveals: {reveals.Count} questions\n");
        var grades = await learning.GradesOfAsync(userId);
        var cards = await learning.CardsOfAsync(userId);
        text.Append($"• Self-grades: {grades.Count} ({grades.Select(g => g.QuestionId).Distinct().Count()} questions)\n");
        foreach (var grade in grades.Reverse().Take(RecentShown))
        {
            var rubric = grade.RubricPoints > 0 ? $", {grade.CoveredCount} of {grade.RubricPoints} rubric points" : "";
            text.Append($"  – `{grade.QuestionId}` <t:{grade.At.ToUnixTimeSeconds()}:d>: {GradingCard.Label(grade.Grade)}{rubric}\n");
        }
        text.Append(cards.Count == 0
            ? "• Review schedule: empty\n"
            : $"• Review schedule: {cards.Count} questions, the next due <t:{cards.Min(c => c.DueAt).ToUnixTimeSeconds()}:f>\n");
        var sessions = await mocks.OfAsync(userId);
        text.Append($"• Mock interviews: {sessions.Count}\n");
        foreach (var session in sessions.Take(RecentShown))
        {
            var answered = session.Items.Count(i => i.Outcome == MockOutcome.Answered);
            text.Append($"  – {session.Track}, {session.Minutes} min <t:{session.StartedAt.ToUnixTimeSeconds()}:d>: {session.Status.ToString().ToLowerInvariant()}, " +
                        $"{answered} of {session.Items.Count} answered ({string.Join(", ", session.Items.Select(i => $"`{i.QuestionId}`"))})\n");
        }
        var (shares, votes) = await peers.OfAsync(userId);
        text.Append(PeerMemberData.Describe(shares, votes, RecentShown));
        var channels = mine.Where(a => a.OccurrenceId is not null).Select(a => a.ChannelId).Distinct().ToList();
        text.Append(channels.Count == 0
            ? "• Streaks: none\n"
            : $"• Streaks in {ReplyLimits.Channels(channels)} (kept per channel, derived from your answers and deleted with them)\n");

        if (mine.Count == 0 && reveals.Count == 0 && grades.Count == 0 && cards.Count == 0 && sessions.Count == 0 && shares.Count == 0 && votes.Count == 0)
        {
            return InteractionReply.Private(text.Append("\nThere is nothing to delete.").ToString());
        }
        text.Append("\nDeleting removes your answers, hint reveals, self-grades, review schedule and mock interviews (a running one ends), your shared answers " +
                    "(revealed ones are deleted from Discord too) and the 👍 you cast; your streaks go with them. This cannot be undone.");
        return InteractionReply.Private(new MessagePayload
        {
            Content = text.ToString(),
            Components =
            [
                Component.ActionRow(
                    Component.Button(ButtonStyle.Danger, "Delete my data", CustomIds.Format(new MyDataId(MyDataAction.Delete, userId)), "🗑️"),
                    Component.Button(ButtonStyle.Secondary, "Cancel", CustomIds.Format(new MyDataId(MyDataAction.Cancel, userId)))),
            ],
        });
    }
}
