using System.Globalization;
using System.Text;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Answers;

/// <summary>
/// <c>/leaderboard [channel] [sort]</c>: the top 10 of a daily channel, plus the caller's own rank. The reply is public:
/// a board is meant to be seen, and members appear as mentions that ping nobody (the router sends no allowed mentions).
/// <c>sort: helpful</c> ranks by the 👍 votes members' shared answers received this month.
/// </summary>
public sealed class LeaderboardCommand(DailyLedger ledger, StreakService streaks, IHelpfulVotes helpful, TimeProvider time) : ISlashCommand
{
    public ApplicationCommand Definition { get; } = new()
    {
        Name = "leaderboard",
        Description = "Top 10 of a daily-question channel by streak, answers or helpful answers this month",
        Contexts = [0],
        IntegrationTypes = [0],
        Options =
        [
            new ApplicationCommandOption
            {
                Type = CommandOptionType.Channel, Name = "channel", Description = "A daily-question channel (default: this one)",
                ChannelTypes = [ChannelTypes.GuildText, ChannelTypes.GuildAnnouncement],
            },
            new ApplicationCommandOption
            {
                Type = CommandOptionType.String, Name = "sort", Description = "Rank by current streak (default), best streak, answers or 👍 on shared answers this month",
                Choices =
                [
                    new CommandChoice("Current streak", "current"), new CommandChoice("Best streak", "best"), new CommandChoice("Answers this month", "month"),
                    new CommandChoice("Helpful answers this month", "helpful"),
                ],
            },
        ],
    };

    public ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct) =>
        ExecuteCoreAsync(context);

    private async ValueTask<InteractionReply> ExecuteCoreAsync(InteractionContext context)
    {
        var schedules = await ledger.SchedulesOfAsync(context.GuildId ?? 0);
        if (schedules.Count == 0)
        {
            return InteractionReply.Private(StreakCommand.NoDailyChannel);
        }
        DailySchedule schedule;
        if (ulong.TryParse(context.Data.OptionText("channel"), out var asked))
        {
            if (schedules.FirstOrDefault(s => s.ChannelId == asked) is not { } found)
            {
                return InteractionReply.Private(
                    $"<#{asked}> has no daily question. Boards exist for {ReplyLimits.Channels(schedules.Select(s => s.ChannelId))}.");
            }
            schedule = found;
        }
        else
        {
            schedule = schedules.FirstOrDefault(s => s.ChannelId == context.ChannelId) ?? schedules[0];
        }

        var sort = context.Data.OptionText("sort") switch
        {
            "best" => BoardSort.Best,
            "month" => BoardSort.Month,
            "helpful" => BoardSort.Helpful,
            _ => BoardSort.Current,
        };
        var now = time.GetUtcNow();
        var board = sort == BoardSort.Helpful
            ? Leaderboard.Rank(await helpful.ReceivedAsync(schedule.ChannelId, now, DailyRules.Zone(schedule)), context.User.Id)
            : await streaks.BoardAsync(schedule, sort, now, context.User.Id);
        return InteractionReply.Public(new MessagePayload { Content = Render(schedule, sort, board, context.User.Id, now) });
    }

    internal static string Render(DailySchedule schedule, BoardSort sort, Board board, ulong callerId, DateTimeOffset now)
    {
        var month = TimeZoneInfo.ConvertTime(now, DailyRules.Zone(schedule)).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var title = sort switch
        {
            BoardSort.Best => "best streak",
            BoardSort.Month => $"answers in {month}",
            BoardSort.Helpful => $"helpful answers in {month} (👍 received)",
            _ => "current streak",
        };
        var text = new StringBuilder($"🏆 **<#{schedule.ChannelId}> · {title}**\n");
        if (board.Top.Count == 0)
        {
            return text.Append(sort == BoardSort.Helpful
                ? "Nobody's shared answer got a 👍 this month yet. Share yours in the ✍️ Answer form; the group sees it when the next question is out."
                : "Nobody is on this board yet. Answer the daily question with ✍️ Answer to be the first.").ToString();
        }
        foreach (var entry in board.Top)
        {
            text.Append(Row(entry, callerId)).Append('\n');
        }
        if (board.Caller is { } caller)
        {
            text.Append("…\n").Append(Row(caller, callerId)).Append('\n');
        }
        else if (board.Top.All(e => e.Standing.UserId != callerId))
        {
            text.Append("You are not on this board yet.\n");
        }
        text.Append(sort is BoardSort.Month or BoardSort.Helpful
            ? $"Ties go to whoever got there first. The month follows the schedule's zone ({schedule.TimeZoneId}) and resets on the 1st."
            : "Ties go to whoever got there first.");
        return text.ToString();
    }

    private static string Row(BoardEntry entry, ulong callerId) =>
        $"{entry.Rank}. <@{entry.Standing.UserId}> · **{entry.Standing.Value}**{(entry.Standing.UserId == callerId ? " (you)" : "")}";
}
