using System.Text;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.MyData;

/// <summary><c>/mydata</c>: shows a member everything stored about them, privately, and offers to delete it.</summary>
public sealed class MyDataCommand(IAnswerStore answers, IPracticeStore practice) : ISlashCommand
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
        var channels = mine.Where(a => a.OccurrenceId is not null).Select(a => a.ChannelId).Distinct().ToList();
        text.Append(channels.Count == 0
            ? "• Streaks: none\n"
            : $"• Streaks in {ReplyLimits.Channels(channels)} (computed from your answers, not stored separately)\n");

        if (mine.Count == 0 && reveals.Count == 0)
        {
            return InteractionReply.Private(text.Append("\nThere is nothing to delete.").ToString());
        }
        text.Append("\nDeleting removes your answers and hint reveals; your streaks go with them. This cannot be undone.");
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
