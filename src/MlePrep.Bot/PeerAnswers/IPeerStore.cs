namespace MlePrep.Bot.PeerAnswers;

/// <summary>
/// Shared daily answers, the votes on them and each occurrence's reveal. A share points at the stored answer (its id), so
/// the text lives in one place. The contract every adapter keeps (checked by the shared peer-store contract tests):
/// <list type="bullet">
/// <item>One share per member and occurrence, one vote per voter and shared answer, one reveal per occurrence: the
/// storage refuses a second, whichever process asks, and of concurrent attempts exactly one succeeds.</item>
/// <item>A share is withdrawn only while it has no reveal message; a revealed share changes only to record its message
/// once and to be hidden once. Hiding deletes the answer's votes.</item>
/// <item>Deleting a member's data deletes their shares (and the votes on them) and the votes they cast.</item>
/// <item>What a call returns is a snapshot: later writes do not change it.</item>
/// </list>
/// </summary>
public interface IPeerStore
{
    /// <summary>Stores the share; false (and nothing changed) when the member already shares an answer to that occurrence.</summary>
    ValueTask<bool> ShareAsync(PeerShare share);

    ValueTask<PeerShare?> ShareOfAsync(string occurrenceId, ulong userId);

    /// <summary>The shares of an occurrence, oldest first.</summary>
    ValueTask<IReadOnlyList<PeerShare>> SharesOfAsync(string occurrenceId);

    /// <summary>Deletes the member's share if it has no reveal message yet; false when there was none or it is revealed.</summary>
    ValueTask<bool> WithdrawAsync(string occurrenceId, ulong userId);

    /// <summary>Records the message that reveals a share; false when it already has one.</summary>
    ValueTask<bool> MarkRevealedAsync(string occurrenceId, ulong userId, ulong messageId, DateTimeOffset at);

    /// <summary>Hides a revealed share and deletes its votes; false when it is not revealed or already hidden.</summary>
    ValueTask<bool> HideAsync(string occurrenceId, ulong userId, ulong moderatorId, DateTimeOffset at);

    /// <summary>Stores the reveal unless the occurrence has one; returns the stored one and whether this call claimed it.</summary>
    ValueTask<(PeerReveal Reveal, bool Claimed)> ClaimRevealAsync(PeerReveal reveal);

    ValueTask<PeerReveal?> RevealOfAsync(string occurrenceId);

    /// <summary>Records where the answers go (a thread, or the daily channel as replies); the first place saved stays.</summary>
    ValueTask<PeerReveal> PlaceRevealAsync(string occurrenceId, ulong placeId);

    /// <summary>Marks the reveal done (every share then present has its message).</summary>
    ValueTask CompleteRevealAsync(string occurrenceId, DateTimeOffset at);

    /// <summary>Closes voting and records the top answer; false when it was closed already.</summary>
    ValueTask<bool> CloseRevealAsync(string occurrenceId, ulong? topUserId, DateTimeOffset at);

    /// <summary>Occurrences with work left (a share without its message, a reveal not completed or not closed), in <paramref name="channelId"/> or everywhere.</summary>
    ValueTask<IReadOnlyList<PeerOccurrence>> UnsettledAsync(ulong? channelId);

    /// <summary>Adds the vote, or removes it when the voter had already cast it; true when it was added.</summary>
    ValueTask<bool> ToggleVoteAsync(PeerVote vote);

    /// <summary>Votes per author on an occurrence's answers.</summary>
    ValueTask<IReadOnlyDictionary<ulong, int>> VoteCountsAsync(string occurrenceId);

    /// <summary>Votes cast in a daily channel in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    ValueTask<IReadOnlyList<PeerVote>> VotesInAsync(ulong channelId, DateTimeOffset from, DateTimeOffset to);

    /// <summary>A member's shares in every server.</summary>
    ValueTask<IReadOnlyList<PeerShare>> SharesByAsync(ulong userId);

    /// <summary>The votes a member cast in every server.</summary>
    ValueTask<IReadOnlyList<PeerVote>> VotesByAsync(ulong userId);

    /// <summary>Deletes the member's shares (with the votes on them) and the votes they cast; returns the deleted shares and the count of their own votes.</summary>
    ValueTask<(IReadOnlyList<PeerShare> Shares, int Votes)> DeleteAllOfAsync(ulong userId);
}

/// <summary>
/// A member's answer to a daily occurrence, shared to be revealed when the answer window closes. <see cref="AnswerId"/> is
/// the stored answer's id; <see cref="MessageId"/> is set once revealed (the message is in the reveal's place).
/// </summary>
public sealed record PeerShare(
    string OccurrenceId,
    ulong GuildId,
    ulong ChannelId,
    ulong UserId,
    string AnswerId,
    DateTimeOffset SharedAt,
    ulong? MessageId = null,
    DateTimeOffset? RevealedAt = null,
    ulong? HiddenBy = null,
    DateTimeOffset? HiddenAt = null);

/// <summary>
/// The reveal of an occurrence's shared answers, claimed once. <see cref="PlaceId"/> is where the answers are posted: a thread,
/// or the daily channel itself (as replies to the post) when no thread could be opened.
/// </summary>
public sealed record PeerReveal(
    string OccurrenceId,
    ulong GuildId,
    ulong ChannelId,
    DateTimeOffset ClaimedAt,
    ulong? PlaceId = null,
    DateTimeOffset? CompletedAt = null,
    DateTimeOffset? ClosedAt = null,
    ulong? TopUserId = null);

/// <summary>A member's 👍 on another member's shared answer.</summary>
public sealed record PeerVote(string OccurrenceId, ulong AuthorId, ulong VoterId, ulong GuildId, ulong ChannelId, DateTimeOffset At);

/// <summary>An occurrence with reveal work left.</summary>
public sealed record PeerOccurrence(string OccurrenceId, ulong ChannelId);
