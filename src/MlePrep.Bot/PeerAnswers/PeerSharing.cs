using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.PeerAnswers;

/// <summary>
/// A member's choice to share their daily answer (the answer modal's option, off by default): shared while the answer window
/// is open, withdrawn by choosing private again or with the confirmation's button, until the reveal.
/// </summary>
public sealed class PeerSharing(IPeerStore store, DailyLedger ledger, TimeProvider time, ILogger<PeerSharing> logger) : IAnswerSharing
{
    public async ValueTask<bool> IsSharedAsync(string occurrenceId, ulong userId) => await store.ShareOfAsync(occurrenceId, userId) is not null;

    public async ValueTask<SharingNote> ChooseAsync(Answer answer, DailyOccurrence occurrence, bool share)
    {
        if (!share)
        {
            return new SharingNote(await WithdrawAsync(occurrence.Id, answer.UserId, quietWhenPrivate: true));
        }
        if (await store.ShareOfAsync(occurrence.Id, answer.UserId) is { } shared)
        {
            return shared.MessageId is null
                ? new SharingNote("👥 Your answer stays shared: the group sees it when the next daily question is posted.", WithdrawButton(shared))
                : new SharingNote("👥 Your answer was already revealed to the group; the reveal shows what you had then.");
        }
        if (await WindowClosedAsync(occurrence))
        {
            return new SharingNote("👥 Not shared: the next daily question is out, so this question's answers were already revealed.");
        }
        var made = new PeerShare(occurrence.Id, occurrence.GuildId, occurrence.ChannelId, answer.UserId, answer.Id, time.GetUtcNow());
        await store.ShareAsync(made);
        Log.AnswerShareChosen(logger, answer.UserId, occurrence.Id, "shared");
        return new SharingNote(
            "👥 Shared: when the next daily question is posted, the group sees your answer in the post's thread and can 👍 it. You can withdraw it until then.",
            WithdrawButton(made));
    }

    /// <summary>Withdraws the member's share unless it is revealed; the line says what happened.</summary>
    public async ValueTask<string> WithdrawAsync(string occurrenceId, ulong userId, bool quietWhenPrivate = false)
    {
        var shared = await store.ShareOfAsync(occurrenceId, userId);
        if (shared is null)
        {
            return quietWhenPrivate ? "🔒 Your answer stays private." : "Your answer is not shared, so there is nothing to withdraw.";
        }
        if (shared.MessageId is not null || await store.RevealOfAsync(occurrenceId) is not null || !await store.WithdrawAsync(occurrenceId, userId))
        {
            return "👥 Your answer was already revealed to the group, so it can no longer be withdrawn. `/mydata` can delete it.";
        }
        Log.AnswerShareChosen(logger, userId, occurrenceId, "withdrew");
        return "🔒 Withdrawn: your answer will not be revealed.";
    }

    private async ValueTask<bool> WindowClosedAsync(DailyOccurrence occurrence)
    {
        var posted = await ledger.PostedAsync(occurrence.ChannelId);
        return posted.Count > 0 && posted[^1].Id != occurrence.Id;
    }

    private static Component WithdrawButton(PeerShare share) =>
        Component.Button(ButtonStyle.Secondary, "Withdraw my shared answer", PeerCards.Id(PeerAction.Withdraw, share), "↩️");
}
