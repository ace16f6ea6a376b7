using MlePrep.Bot.Answers;
using MlePrep.Bot.Interactions;
using MlePrep.Discord.Interactions;

namespace MlePrep.Bot.PeerAnswers;

/// <summary>
/// The buttons of a revealed answer (<see cref="PeerAnswerId"/>): 👍 toggles the clicker's vote (never on their own answer)
/// and updates the count on the message; 📖 Read all shows the whole answer privately; 🙈 Hide, for members with Manage
/// Server, takes the text off the message. And the author's ↩️ Withdraw on their private confirmation, until the reveal.
/// </summary>
public sealed class PeerAnswerButtons(IPeerStore store, IAnswerStore answers, PeerSharing sharing, TimeProvider time, ILogger<PeerAnswerButtons> logger)
    : ComponentHandler<PeerAnswerId>
{
    private const string Gone = "This answer is no longer shared.";

    protected override ValueTask<InteractionReply> HandleAsync(InteractionContext context, PeerAnswerId id, CancellationToken ct) => id.Action switch
    {
        PeerAction.Vote => VoteAsync(context, id),
        PeerAction.Read => ReadAsync(id),
        PeerAction.Hide => HideAsync(context, id),
        _ => WithdrawAsync(context, id),
    };

    private async ValueTask<InteractionReply> VoteAsync(InteractionContext context, PeerAnswerId id)
    {
        var voter = context.User.Id;
        if (await RevealedAsync(id) is not var (share, answer))
        {
            return InteractionReply.Private(Gone);
        }
        if (share.HiddenBy is not null)
        {
            return InteractionReply.Private("A moderator hid this answer, so it takes no votes.");
        }
        if (voter == share.UserId)
        {
            return InteractionReply.Private("You can't vote for your own answer. 👍 the answers that helped you.");
        }
        var reveal = await store.RevealOfAsync(id.OccurrenceId);
        if (reveal?.ClosedAt is not null)
        {
            return InteractionReply.Private("Voting on these answers closed when the next day's answers were revealed.");
        }
        await store.ToggleVoteAsync(new PeerVote(id.OccurrenceId, share.UserId, voter, share.GuildId, share.ChannelId, time.GetUtcNow()));
        var votes = (await store.VoteCountsAsync(id.OccurrenceId)).GetValueOrDefault(share.UserId);
        return InteractionReply.Update(PeerCards.Revealed(share, answer, votes, top: false));
    }

    private async ValueTask<InteractionReply> ReadAsync(PeerAnswerId id) =>
        await RevealedAsync(id) is var (share, answer) && share.HiddenBy is null
            ? InteractionReply.Private(PeerCards.Full(share, answer))
            : InteractionReply.Private(Gone);

    private async ValueTask<InteractionReply> HideAsync(InteractionContext context, PeerAnswerId id)
    {
        var moderator = context.User.Id;
        if (context.Interaction.Member?.Has(DiscordPermissions.ManageGuild) != true)
        {
            return InteractionReply.Private("Only members with the Manage Server permission can hide a shared answer.");
        }
        if (await store.ShareOfAsync(id.OccurrenceId, id.AuthorId) is not { MessageId: not null })
        {
            return InteractionReply.Private(Gone);
        }
        if (await store.HideAsync(id.OccurrenceId, id.AuthorId, moderator, time.GetUtcNow()))
        {
            Log.SharedAnswerHidden(logger, moderator, id.AuthorId, id.OccurrenceId);
        }
        return InteractionReply.Update(PeerCards.Hidden());
    }

    private async ValueTask<InteractionReply> WithdrawAsync(InteractionContext context, PeerAnswerId id) =>
        context.User.Id == id.AuthorId
            ? InteractionReply.Private(await sharing.WithdrawAsync(id.OccurrenceId, id.AuthorId))
            : InteractionReply.Private("Only the member who shared this answer can withdraw it.");

    /// <summary>The revealed share and its stored answer, or null when either is gone.</summary>
    private async ValueTask<(PeerShare Share, Answer Answer)?> RevealedAsync(PeerAnswerId id) =>
        await store.ShareOfAsync(id.OccurrenceId, id.AuthorId) is { MessageId: not null } share
        && await answers.AnswerOfAsync(share) is { } answer
            ? (share, answer)
            : null;
}
