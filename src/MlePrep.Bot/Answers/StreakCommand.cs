using System.Text;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Answers;

/// <summary><c>/streak [user]</c>: a member's streaks in each daily channel of the server, privately.</summary>
public sealed class StreakCommand(DailyLedger ledger, StreakService streaks, IAnswerStore answers, TimeProvider time) : ISlashCommand
{
    /// <summary>Keeps the reply under Discord's 2000 characters.</summary>
    private const int MaxChannels = 5;

    internal const string Rule =
        "Answer each daily question before the next one is posted to keep your streak. " +
        "Every 7 answers in a row earn a 🧊 freeze (hold up to 2) that covers one missed question.";

    internal const string NoDailyChannel =
        "This server has no daily question channel yet, so there are no streaks. " +
        "Someone with Manage Server can start one with `/daily set` in the channel it should post in.";

    public ApplicationCommand Definition { get; } = new()
    {
        Name = "streak",
        Description = "Show your daily-question streaks (or another member's)",
        Contexts = [0],
        IntegrationTypes = [0],
        Options =
        [
            new ApplicationCommandOption { Type = CommandOptionType.User, Name = "user", Description = "Whose streaks to show (default: yours)" },
        ],
    };

    public bool RepliesPrivately => true;

    public async ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct) =>
        InteractionReply.Private(await ExecuteCoreAsync(context));

    private async Task<string> ExecuteCoreAsync(InteractionContext context)
    {
        var schedules = await ledger.SchedulesOfAsync(context.GuildId ?? 0);
        if (schedules.Count == 0)
        {
            return NoDailyChannel;
        }
        var userId = ulong.TryParse(context.Data.OptionText("user"), out var id) ? id : context.User.Id;
        var now = time.GetUtcNow();
        var mine = (await answers.OfAsync(userId)).Where(a => a.GuildId == context.GuildId).ToList();

        var text = new StringBuilder($"**Streaks of <@{userId}>**\n{Rule}\n");
        foreach (var schedule in schedules.Take(MaxChannels))
        {
            var state = await streaks.OfAsync(schedule.ChannelId, userId);
            var zone = DailyRules.Zone(schedule);
            var inChannel = mine.Where(a => a.ChannelId == schedule.ChannelId && a.OccurrenceId is not null).ToList();
            text.Append($"\n**<#{schedule.ChannelId}>**\n")
                .Append($"Current streak: **{state.Current}** · Best streak: **{state.Best}** · 🧊 Freezes held: {state.FreezesHeld}\n")
                .Append($"Answers: {inChannel.Count} in total, {inChannel.Count(a => ScheduleTimes.SameMonth(a.AnsweredAt, now, zone))} this month\n")
                .Append(Deadline(schedule, state, now)).Append('\n');
        }
        if (schedules.Count > MaxChannels)
        {
            text.Append($"\n…and {schedules.Count - MaxChannels} more daily channels.\n");
        }
        var practiceOnly = mine.Count(a => a.OccurrenceId is null);
        if (practiceOnly > 0)
        {
            text.Append($"\nPlus {practiceOnly} answers to `/question` practice in this server.");
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>The current occurrence's deadline: it stays open until the next post, expected at the next due time.</summary>
    private static string Deadline(DailySchedule schedule, StreakState state, DateTimeOffset now)
    {
        if (schedule.Paused)
        {
            return "⏸️ The schedule is paused; nothing can break the streak until it resumes.";
        }
        if (state.Outcomes.Count == 0)
        {
            return ScheduleTimes.NextDueAfter(schedule, now) is { } first
                ? $"The first daily question is expected {Stamp(first)}."
                : "The schedule posts on no day.";
        }
        var latest = state.Outcomes[^1];
        var next = ScheduleTimes.NextDueAfter(schedule, latest.PostedAt) is { } due
            ? due > now ? $"expected {Stamp(due)}" : $"due {Stamp(due)}, any moment now"
            : "not scheduled yet";
        return latest.Outcome == OccurrenceOutcome.Answered
            ? $"✅ Current question answered. Next question {next}."
            : $"⏳ Current question open until the next is posted ({next}).";
    }

    private static string Stamp(DateTimeOffset at) => $"<t:{at.ToUnixTimeSeconds()}:R>";
}
