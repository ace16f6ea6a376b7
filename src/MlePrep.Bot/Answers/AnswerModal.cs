using System.Text;
using Microsoft.Extensions.Options;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Answers;

/// <summary>
/// The answer modal's submit (<c>answerm:{questionId}[:{occurrenceId}]</c>): checks the length, stores the answer
/// (replacing an earlier one), and replies privately with the answer key and, for a daily question, the streak.
/// </summary>
public sealed class AnswerModal(
    QuestionBank bank,
    IAnswerStore answers,
    IPracticeStore practice,
    DailyLedger ledger,
    StreakService streaks,
    LiveAnswerCount liveCount,
    IOptions<PracticeOptions> options,
    TimeProvider time,
    IEnumerable<IAnswerFlow> flows,
    IAnswerSharing sharing,
    ILogger<AnswerModal> logger) : ComponentHandler<AnswerModalId>
{
    protected override ValueTask<InteractionReply> HandleAsync(InteractionContext context, AnswerModalId id, CancellationToken ct) =>
        HandleCoreAsync(context, id.QuestionId, id.OccurrenceId, ct);

    private async ValueTask<InteractionReply> HandleCoreAsync(InteractionContext context, string questionId, string? occurrenceId, CancellationToken ct)
    {
        if (bank.Find(questionId) is not { } question)
        {
            return StaleComponent.Reply();
        }

        var values = context.Data.ModalValues();
        var text = (values.GetValueOrDefault(AnswerButton.InputId) ?? "").Trim();
        var min = options.Value.MinAnswerLength;
        if (text.Length == 0)
        {
            return InteractionReply.Private($"Your answer was empty, so nothing was saved. Write at least {min} characters.");
        }
        if (text.Length < min)
        {
            return InteractionReply.Private(
                $"Your answer is too short: {text.Length} characters, and the minimum is {min}. Nothing was saved; press ✍️ Answer to try again.");
        }
        if (text.Length > PracticeOptions.MaxAnswerLength)
        {
            return InteractionReply.Private($"Your answer is longer than {PracticeOptions.MaxAnswerLength} characters, so nothing was saved.");
        }

        // A daily answer counts only for the occurrence the post belongs to, in the server it was posted in (the
        // custom_id is the client's to send); anything else is kept as practice.
        var occurrence = occurrenceId is null ? null : await ledger.OccurrenceAsync(occurrenceId);
        var daily = occurrence is { Status: OccurrenceStatus.Posted, PostedAt: not null } && occurrence.QuestionId == question.Id
            && occurrence.GuildId == context.GuildId ? occurrence : null;
        var guildId = context.GuildId ?? 0;
        var user = context.User.Id;
        var hints = await practice.HintsRevealedAsync(context.GuildId, user, question.Id);
        var saved = await answers.SaveAsync(new AnswerSubmission(
            guildId, user, daily?.ChannelId ?? context.ChannelId, question.Id, daily?.Id, text, hints, time.GetUtcNow()));
        Log.AnswerSaved(logger, user, question.Id, daily?.Id, saved.Replaced);
        var recorded = daily is not null && !saved.Replaced ? await streaks.RecordAsync(daily.ChannelId, user, daily.Id, saved.Answer.AnsweredAt) : null;
        // An answer given in a flow of its own (a /mock question) gets that flow's reply: the key waits for its summary.
        if (occurrenceId is null)
        {
            foreach (var flow in flows)
            {
                if (await flow.AnsweredAsync(context, question.Id, text.Length, ct) is { } taken)
                {
                    return taken;
                }
            }
        }

        var reply = new StringBuilder(saved.Replaced
            ? $"✏️ Updated your answer to **{question.Id}** ({text.Length} characters). It still counts once."
            : $"✅ Saved your answer to **{question.Id}** ({text.Length} characters).");
        if (hints > 0)
        {
            reply.Append($"\n💡 You had revealed {hints} of {question.Hints.Count} hints first; that's fine, it counts all the same.");
        }
        if (occurrenceId is not null && daily is null)
        {
            reply.Append("\nThis post no longer matches a daily question, so the answer is saved as practice.");
        }
        SharingNote? sharingNote = null;
        if (daily is not null)
        {
            if (!saved.Replaced)
            {
                liveCount.CountChanged(daily);
            }
            reply.Append('\n').Append(StreakLine(daily, recorded ?? await streaks.OfAsync(daily.ChannelId, user)));
            // A modal opened before the option existed sends no choice: the sharing stays as it was.
            if (values.GetValueOrDefault(AnswerButton.ShareInputId) is { } choice)
            {
                sharingNote = await sharing.ChooseAsync(saved.Answer, daily, choice == AnswerButton.ShareValue);
                reply.Append('\n').Append(sharingNote.Line);
            }
        }
        reply.Append("\nCompare yours with the answer key below, then grade yourself: it schedules the question in `/review` (optional; never affects streaks).");

        return InteractionReply.Private(new MessagePayload
        {
            Content = reply.ToString(),
            Embeds = [QuestionCards.AnswerKeyEmbed(question)],
            Components = sharingNote?.Button is { } withdraw
                ? [.. GradeButtons.Rows(question.Id, question.Rubric), Component.ActionRow(withdraw)]
                : GradeButtons.Rows(question.Id, question.Rubric),
        });
    }

    private static string StreakLine(DailyOccurrence daily, StreakState state)
    {
        var result = state.OutcomeOf(daily.Id);
        if (result is not { Outcome: OccurrenceOutcome.Answered })
        {
            var closed = result?.ClosedAt is { } at ? $"<t:{at.ToUnixTimeSeconds()}:f>" : "earlier";
            return $"⏰ Saved as practice, but it did not count for the streak: the next daily question was already posted at {closed}. " +
                   $"Your streak in <#{daily.ChannelId}>: **{state.Current}**.";
        }
        var line = $"🔥 Your streak in <#{daily.ChannelId}>: **{state.Current}** (best {state.Best}) · 🧊 freezes held: {state.FreezesHeld}.";
        return result.FreezeEarned ? line + $" You earned a freeze for {StreakCalculator.AnswersPerFreeze} in a row!" : line;
    }
}
