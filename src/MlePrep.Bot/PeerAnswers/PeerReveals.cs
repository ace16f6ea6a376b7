using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.PeerAnswers;

/// <summary>
/// Reveals an occurrence's shared answers when its window closes (the channel's next post), one message each, and closes
/// voting with the 🏆 on the top answer when the window after it closes. Runs under the channel's post lock, from the poster
/// after each post and at start for anything left over, so one process at a time settles a channel.
/// </summary>
/// <remarks>
/// Exactly once: the reveal is claimed in the storage (one per occurrence), each share records its message, and a message
/// carries a nonce (enforce_nonce) so a retry within minutes cannot post it twice. A run that resumes an earlier one (the
/// process died between a send and its record) first looks among the place's latest messages for the share's 👍 button.
/// Anything that fails stays unsettled and is finished by the next post or the next start.
/// </remarks>
public sealed class PeerReveals(
    IPeerStore store,
    IAnswerStore answers,
    IDailyStore daily,
    IDiscordRestClient rest,
    TimeProvider time,
    ILogger<PeerReveals> logger) : IDailyWindowClosed
{
    /// <summary>Discord's code when the message already has a thread (an earlier run opened it).</summary>
    private const int ThreadAlreadyCreated = 160004;

    /// <summary>How many of the place's latest messages a resumed reveal looks through.</summary>
    private const int SearchDepth = 100;

    public Task ClosedAsync(DailyOccurrence posted, CancellationToken ct) => SettleAsync(posted.ChannelId, ct);

    /// <summary>Reveals and closes what is due in the channel. The caller holds the channel's post lock.</summary>
    public async Task SettleAsync(ulong channelId, CancellationToken ct)
    {
        var unsettled = await store.UnsettledAsync(channelId);
        if (unsettled.Count == 0)
        {
            return;
        }
        var posted = (await daily.OccurrencesOfAsync(channelId))
            .Where(o => o is { Status: OccurrenceStatus.Posted, PostedAt: not null, MessageId: not null })
            .OrderBy(o => o.PostedAt)
            .ToList();
        foreach (var item in unsettled)
        {
            var index = posted.FindIndex(o => o.Id == item.OccurrenceId);
            // The latest post's window is still open; a share of anything else it cannot find has no post to go with.
            if (index < 0 || index == posted.Count - 1)
            {
                continue;
            }
            try
            {
                await RevealAsync(posted[index], ct);
                if (index <= posted.Count - 3)
                {
                    await CloseAsync(posted[index], ct);
                }
            }
            catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
            {
                Log.RevealStopped(logger, item.OccurrenceId, e);
            }
        }
    }

    private async Task RevealAsync(DailyOccurrence occurrence, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (reveal, claimed) = await store.ClaimRevealAsync(new PeerReveal(occurrence.Id, occurrence.GuildId, occurrence.ChannelId, now));
        var pending = (await store.SharesOfAsync(occurrence.Id)).Where(s => s.MessageId is null).ToList();
        if (pending.Count > 0)
        {
            var place = reveal.PlaceId ?? (await store.PlaceRevealAsync(occurrence.Id, await OpenPlaceAsync(occurrence, ct))).PlaceId!.Value;
            var earlier = claimed ? [] : await rest.ListMessagesAsync(place, SearchDepth, ct);
            var revealed = 0;
            foreach (var share in pending)
            {
                if (await answers.AnswerOfAsync(share) is not { } answer)
                {
                    await store.WithdrawAsync(occurrence.Id, share.UserId); // the answer was deleted meanwhile
                    continue;
                }
                var voteId = PeerCards.Id(PeerAction.Vote, share);
                var messageId = earlier.FirstOrDefault(m => m.HasCustomId(voteId))?.Id
                    ?? (await rest.CreateMessageAsync(place, PeerCards.Revealed(share, answer, votes: 0, top: false) with
                    {
                        Nonce = Nonce(share),
                        EnforceNonce = true,
                        // In the daily channel itself (no thread could be opened) each answer replies to the post.
                        MessageReference = place == occurrence.ChannelId ? new MessageReference(occurrence.MessageId!.Value, FailIfNotExists: false) : null,
                    }, ct)).Id;
                await store.MarkRevealedAsync(occurrence.Id, share.UserId, messageId, now);
                revealed++;
            }
            Log.AnswersRevealed(logger, occurrence.Id, revealed, place);
        }
        await store.CompleteRevealAsync(occurrence.Id, now);
    }

    /// <summary>The post's thread, or a new one on the post; the daily channel (answers as replies) when the bot may not open one.</summary>
    private async Task<ulong> OpenPlaceAsync(DailyOccurrence occurrence, CancellationToken ct)
    {
        if (occurrence.ThreadId is { } thread)
        {
            return thread;
        }
        var post = occurrence.MessageId!.Value;
        try
        {
            var date = DateOnly.ParseExact(occurrence.LocalDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return (await rest.StartThreadFromMessageAsync(occurrence.ChannelId, post, new ThreadCreate
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"{occurrence.QuestionId} · {date:ddd d MMM} shared answers"),
                AutoArchiveDuration = 10080,
            }, ct)).Id;
        }
        catch (DiscordApiException e) when (e.Code == ThreadAlreadyCreated)
        {
            return post; // a thread started from a message has the message's id
        }
        catch (DiscordApiException e) when ((int)e.Status < 500 && e.Status != HttpStatusCode.TooManyRequests)
        {
            // Without Create Public Threads (or in a channel that has none) the answers reply to the post instead.
            Log.RevealInReplies(logger, occurrence.Id, (int)e.Status, e.Code);
            return occurrence.ChannelId;
        }
    }

    /// <summary>Closes voting and marks the top answer (most 👍, the earlier share on a tie; none without votes).</summary>
    private async Task CloseAsync(DailyOccurrence occurrence, CancellationToken ct)
    {
        if (await store.RevealOfAsync(occurrence.Id) is not { CompletedAt: not null, ClosedAt: null } reveal)
        {
            return;
        }
        var counts = await store.VoteCountsAsync(occurrence.Id);
        var top = (await store.SharesOfAsync(occurrence.Id))
            .Where(s => s is { MessageId: not null, HiddenBy: null } && counts.GetValueOrDefault(s.UserId) > 0)
            .OrderByDescending(s => counts[s.UserId])
            .ThenBy(s => s.SharedAt)
            .FirstOrDefault();
        if (!await store.CloseRevealAsync(occurrence.Id, top?.UserId, time.GetUtcNow()))
        {
            return;
        }
        Log.RevealClosed(logger, occurrence.Id, top?.UserId);
        if (top is not null && reveal.PlaceId is { } place
            && await answers.AnswerOfAsync(top) is { } answer)
        {
            await rest.EditMessageAsync(place, top.MessageId!.Value, PeerCards.Revealed(top, answer, counts[top.UserId], top: true), ct);
        }
    }

    /// <summary>A nonce (≤ 25 characters) unique to the share.</summary>
    private static string Nonce(PeerShare share) =>
        "p" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{share.OccurrenceId}|{share.UserId}")))[..24];
}
