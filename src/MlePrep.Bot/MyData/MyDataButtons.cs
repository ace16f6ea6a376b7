using System.Globalization;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Storage;
using MlePrep.Bot.Streaks;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.MyData;

/// <summary>
/// The /mydata buttons (<c>mydata:delete:{userId}</c>, <c>mydata:cancel:{userId}</c>). Only the member named in the id
/// may use them, even if the message ever became visible to someone else.
/// </summary>
public sealed class MyDataButtons(AnswerStore answers, PracticeStore practice, DailyLedger ledger, LiveAnswerCount liveCount, ILogger<MyDataButtons> logger)
    : IComponentHandler
{
    public const string Delete = "delete";
    public const string Cancel = "cancel";

    public string Prefix => "mydata";

    public static string CustomId(string action, ulong userId) => $"mydata:{action}:{userId.ToString(CultureInfo.InvariantCulture)}";

    public ValueTask<InteractionReply> HandleAsync(InteractionContext context, CancellationToken ct) =>
        ValueTask.FromResult(Handle(context));

    private InteractionReply Handle(InteractionContext context)
    {
        var args = context.CustomIdArgs.Split(':');
        if (args.Length != 2 || !ulong.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var owner))
        {
            return InteractionReply.Private(InteractionRouter.StaleComponentMessage);
        }
        if (owner != context.User.Id)
        {
            return InteractionReply.Private("Only the member who opened `/mydata` can use these buttons. Run `/mydata` yourself to see your own data.");
        }
        if (args[0] != Delete)
        {
            return InteractionReply.Update(new MessagePayload { Content = "Nothing was deleted.", Components = [] });
        }

        var deleted = answers.DeleteAllOf(owner);
        var reveals = practice.DeleteRevealsOf(owner);
        Log.MemberDataDeleted(logger, owner, deleted.Count, reveals);
        // The daily posts' counts included these answers; let them catch up.
        foreach (var occurrenceId in deleted.Select(a => a.OccurrenceId).OfType<string>().Distinct())
        {
            if (ledger.Occurrence(occurrenceId) is { } occurrence)
            {
                liveCount.CountChanged(occurrence);
            }
        }
        var daily = deleted.Count(a => a.OccurrenceId is not null);
        return InteractionReply.Update(new MessagePayload
        {
            Content = $"🗑️ Deleted {deleted.Count} answers ({daily} to daily questions) and {reveals} hint reveals. " +
                      "Your streaks were computed from those answers, so they are gone too.",
            Components = [],
        });
    }
}
