using System.Diagnostics;
using System.Text;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Learning;

/// <summary>
/// <c>/stats [user]</c>, privately. One's own: a picture (practice calendar of the last 26 weeks and topic mastery) with
/// a text summary that says the same for screen readers. Another member's: only what the boards already show of them.
/// </summary>
public sealed class StatsCommand(
    DailyLedger ledger,
    StreakService streaks,
    IAnswerStore answers,
    ILearningStore learning,
    MemberLearning profile,
    TimeProvider time,
    ILogger<StatsCommand> logger) : ISlashCommand
{
    /// <summary>Keeps the reply well under Discord's 2000 characters.</summary>
    private const int MaxChannels = 5;

    private const int TopicsNamed = 3;

    public ApplicationCommand Definition { get; } = new()
    {
        Name = "stats",
        Description = "Your practice calendar and topic mastery as a picture (or what the boards show of another member)",
        Contexts = [0],
        IntegrationTypes = [0],
        Options =
        [
            new ApplicationCommandOption { Type = CommandOptionType.User, Name = "user", Description = "Whose board standings to show (default: your full stats)" },
        ],
    };

    public bool RepliesPrivately => true;

    public async ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct)
    {
        var caller = context.User.Id;
        var userId = ulong.TryParse(context.Data.OptionText("user"), out var id) ? id : caller;
        var now = time.GetUtcNow();
        var boards = await BoardLinesAsync(context.GuildId ?? 0, userId, now);
        if (userId != caller)
        {
            return InteractionReply.Private($"📊 **<@{userId}> on this server's boards**\n{boards}\n" +
                "Grades, reviews and topic mastery are private: each member sees their own with `/stats`.");
        }
        return InteractionReply.Private(await OwnStatsAsync(userId, boards, now));
    }

    /// <summary>Per daily channel: current and best streak, answers this month — the boards' three columns.</summary>
    private async Task<string> BoardLinesAsync(ulong guildId, ulong userId, DateTimeOffset now)
    {
        var schedules = await ledger.SchedulesOfAsync(guildId);
        if (schedules.Count == 0)
        {
            return "This server has no daily question channel, so there are no boards.";
        }
        var text = new StringBuilder();
        foreach (var schedule in schedules.Take(MaxChannels))
        {
            var state = await streaks.OfAsync(schedule.ChannelId, userId);
            var zone = DailyRules.Zone(schedule);
            var month = (await answers.DailyInAsync(schedule.ChannelId, userId)).Count(a => ScheduleTimes.SameMonth(a.AnsweredAt, now, zone));
            text.Append($"<#{schedule.ChannelId}>: current streak **{state.Current}** · best **{state.Best}** · answers this month **{month}**\n");
        }
        if (schedules.Count > MaxChannels)
        {
            text.Append($"…and {schedules.Count - MaxChannels} more daily channels.\n");
        }
        return text.ToString().TrimEnd();
    }

    private async Task<MessagePayload> OwnStatsAsync(ulong userId, string boards, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = StatsRenderer.FirstDay(today);
        var grades = await learning.GradesOfAsync(userId);
        var answerDays = (await answers.OfAsync(userId)).Select(a => DateOnly.FromDateTime(a.AnsweredAt.UtcDateTime));
        var gradeDays = grades.Select(g => DateOnly.FromDateTime(g.At.UtcDateTime));
        var activity = answerDays.Concat(gradeDays).Where(d => d >= first && d <= today).GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
        var topics = await profile.TopicsAsync(userId);

        var started = Stopwatch.GetTimestamp();
        var png = StatsRenderer.Render(new StatsPicture(today, activity, topics));
        Log.StatsRendered(logger, userId, png.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        var text = new StringBuilder("📊 **Your stats** (only you see them)\n").Append(boards).Append('\n');
        text.Append($"Last 26 weeks: {activity.Values.Sum()} answers and grades on {activity.Count} {(activity.Count == 1 ? "day" : "days")}.\n");
        var cards = await learning.CardsOfAsync(userId);
        if (cards.Count > 0)
        {
            var next = cards.Min(c => c.DueAt);
            text.Append($"Reviews: {cards.Count(c => c.DueAt <= now)} due now of {cards.Count} scheduled; ");
            text.Append(next <= now ? "run `/review`.\n" : $"the next is due <t:{next.ToUnixTimeSeconds()}:R>.\n");
        }
        var graded = topics.Where(t => t.Graded > 0).ToList();
        text.Append(graded.Count switch
        {
            0 => "Topic mastery: nothing graded yet; grade yourself after an answer to see it.\n",
            <= 2 * TopicsNamed => $"Topic mastery, weakest first: {Named(graded)}.\n",
            _ => $"Weakest topics: {Named(graded.Take(TopicsNamed))}. Strongest: {Named(graded.TakeLast(TopicsNamed).Reverse())}.\n",
        });
        text.Append("Mastery = 100 × (Nailed + ½ Partly) ÷ (graded + 1), by each question's latest grade.");
        return new MessagePayload
        {
            Content = text.ToString(),
            Embeds = [new Embed { Title = "Practice calendar and topic mastery", Color = 0x5865F2, Image = new EmbedImage($"attachment://{StatsRenderer.FileName}") }],
            Files =
            [
                new FileUpload(StatsRenderer.FileName, "image/png", png)
                {
                    Description = "Calendar of practice days in the last 26 weeks, and a bar per topic showing mastery from 0 to 100.",
                },
            ],
        };
    }

    private static string Named(IEnumerable<TopicMastery> topics) => string.Join(", ", topics.Select(t => $"{t.Topic} ({t.Score})"));
}
