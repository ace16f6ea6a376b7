using MlePrep.Discord.Rest;

namespace MlePrep.Bot.PeerAnswers;

/// <summary>A member's shared answers and votes for <c>/mydata</c>: listed, and deleted with the revealed messages taken off Discord.</summary>
public sealed class PeerMemberData(IPeerStore store, IDiscordRestClient rest, ILogger<PeerMemberData> logger)
{
    public async ValueTask<(IReadOnlyList<PeerShare> Shares, IReadOnlyList<PeerVote> Votes)> OfAsync(ulong userId) =>
        (await store.SharesByAsync(userId), await store.VotesByAsync(userId));

    /// <summary>Deletes the member's shares and votes, and the messages that revealed their answers. Returns the counts.</summary>
    public async ValueTask<(int Shares, int Revealed, int Votes)> DeleteAllOfAsync(ulong userId, CancellationToken ct)
    {
        var (shares, votes) = await store.DeleteAllOfAsync(userId);
        var removed = 0;
        foreach (var share in shares.Where(s => s.MessageId is not null))
        {
            if (await store.RevealOfAsync(share.OccurrenceId) is not { PlaceId: { } place })
            {
                continue;
            }
            try
            {
                await rest.DeleteMessageAsync(place, share.MessageId!.Value, ct);
                removed++;
            }
            catch (DiscordApiException e) when (e.Code == DiscordErrorCodes.UnknownMessage)
            {
                removed++; // already gone
            }
            catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
            {
                // The stored answer is gone either way; the message can be deleted by a moderator.
                Log.RevealedMessageNotRemoved(logger, place, share.MessageId!.Value, e);
            }
        }
        Log.PeerDataDeleted(logger, userId, shares.Count, removed, votes);
        return (shares.Count, removed, votes);
    }

    /// <summary>The export's lines about shares and votes.</summary>
    public static string Describe(IReadOnlyList<PeerShare> shares, IReadOnlyList<PeerVote> votes, int shown)
    {
        var text = new System.Text.StringBuilder($"• Shared answers: {shares.Count} ({shares.Count(s => s.MessageId is not null)} revealed)\n");
        foreach (var share in shares.OrderByDescending(s => s.SharedAt).Take(shown))
        {
            var state = share.HiddenBy is not null ? "hidden by a moderator" : share.MessageId is not null ? "revealed" : "waiting for the reveal";
            text.Append($"  – <#{share.ChannelId}> <t:{share.SharedAt.ToUnixTimeSeconds()}:d>: {state}\n");
        }
        text.Append($"• 👍 votes you cast: {votes.Count}\n");
        return text.ToString();
    }
}
