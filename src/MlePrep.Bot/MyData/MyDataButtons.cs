using MlePrep.Bot.Answers;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Learning;
using MlePrep.Bot.MockInterviews;
using MlePrep.Bot.PeerAnswers;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.MyData;

/// <summary>
/// The /mydata buttons (<see cref="MyDataId"/>). Only the member named in the id
/// may use them, even if the message ever became visible to someone else.
/// </summary>
public sealed class MyDataButtons(
    IAnswerStore answers, IPracticeStore practice, ILearningStore learning, IMockStore mocks, PeerMemberData peers, DailyLedger ledger, LiveAnswerCount liveCount,
    ILogger<MyDataButtons> logger)
    : ComponentHandler<MyDataId>
{
    protected override ValueTask<InteractionReply> HandleAsync(InteractionContext context, MyDataId id, CancellationToken ct) =>
        HandleCoreAsync(context, id.Action, id.UserId, ct);

    private async ValueTask<InteractionReply> HandleCoreAsync(InteractionContext context, MyDataAction action, ulong owner, CancellationToken ct)
    {
        if (owner != context.User.Id)
        {
            return InteractionReply.Private("Only the member who opened `/mydata` can use these buttons. Run `/mydata` yourself to see your own data.");
        }
        if (action != MyDataAction.Delete)
        {
            return InteractionReply.Update(new MessagePayload { Content = "Nothing was deleted.", Components = [] });
        }

        // Shares first: they point at the answers, and their revealed messages come off Discord with them.
        var shared = await peers.DeleteAllOfAsync(owner, ct);
        var deleted = await answers.DeleteAllOfAsync(owner);
        var reveals = await practice.DeleteRevealsOfAsync(owner);
        Log.MemberDataDeleted(logger, owner, deleted.Count, reveals);
        var learned = await learning.DeleteAllOfAsync(owner);
        Log.LearningDataDeleted(logger, owner, learned.Grades, learned.Cards);
        var sessions = await mocks.DeleteAllOfAsync(owner);
        Log.MockDataDeleted(logger, owner, sessions);
        // The daily posts' counts included these answers; let them catch up.
        foreach (var occurrenceId in deleted.Select(a => a.OccurrenceId).OfType<string>().Distinct())
        {
            if (await ledger.OccurrenceAsync(occurrenceId) is { } occurrence)
            {
                liveCount.CountChanged(occurrence);
            }
        }
        var daily = deleted.Count(a => a.OccurrenceId is not null);
        return InteractionReply.Update(new MessagePayload
        {
            Content = $"🗑️ Deleted {deleted.Count} answers ({daily} to daily questions), {reveals} hint reveals, {learned.Grades} self-grades " +
                      $"and {learned.Cards} questions of your review schedule, {sessions} mock interviews, {shared.Shares} shared answers " +
                      $"({shared.Revealed} revealed messages removed) and {shared.Votes} 👍 votes. " +
                      "Your streaks were computed from those answers, so they are gone too.",
            Components = [],
        });
    }
}
