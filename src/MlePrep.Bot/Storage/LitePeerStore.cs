using System.Globalization;
using LiteDB;
using MlePrep.Bot.Daily;
using MlePrep.Bot.PeerAnswers;

namespace MlePrep.Bot.Storage;

/// <summary>
/// The LiteDB adapter of <see cref="IPeerStore"/>: a document per share (id <c>{occurrence}|{member}</c>), per vote
/// (<c>{occurrence}|{author}|{voter}</c>) and per reveal (the occurrence id), so the ids make the database refuse a
/// second of each. New collections only: older files need no migration step.
/// </summary>
public sealed class LitePeerStore : IPeerStore
{
    private readonly ILiteCollection<PeerShareDocument> _shares;
    private readonly ILiteCollection<PeerVoteDocument> _votes;
    private readonly ILiteCollection<PeerRevealDocument> _reveals;

    // The conditional updates (withdraw, mark, hide, place, close, toggle) read before they write: one at a time.
    private readonly Lock _write = new();

    public LitePeerStore(BotDatabase db)
    {
        _shares = db.Collection<PeerShareDocument>("peer_shares");
        _shares.EnsureIndex(s => s.OccurrenceId);
        _shares.EnsureIndex(s => s.UserId);
        _shares.EnsureIndex(s => s.PendingIn);
        _votes = db.Collection<PeerVoteDocument>("peer_votes");
        _votes.EnsureIndex(v => v.OccurrenceId);
        _votes.EnsureIndex(v => v.ChannelId);
        _votes.EnsureIndex(v => v.VoterId);
        _votes.EnsureIndex(v => v.AuthorId);
        _reveals = db.Collection<PeerRevealDocument>("peer_reveals");
        _reveals.EnsureIndex(r => r.OpenIn);
    }

    public ValueTask<bool> ShareAsync(PeerShare share)
    {
        try
        {
            _shares.Insert(PeerShareDocument.From(share));
            return ValueTask.FromResult(true);
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return ValueTask.FromResult(false);
        }
    }

    public ValueTask<PeerShare?> ShareOfAsync(string occurrenceId, ulong userId) =>
        ValueTask.FromResult(_shares.FindById(PeerShareDocument.Key(occurrenceId, userId))?.ToShare());

    public ValueTask<IReadOnlyList<PeerShare>> SharesOfAsync(string occurrenceId) =>
        ValueTask.FromResult<IReadOnlyList<PeerShare>>(
            _shares.Find(s => s.OccurrenceId == occurrenceId).Select(s => s.ToShare()).OrderBy(s => s.SharedAt).ThenBy(s => s.UserId).ToList());

    public ValueTask<bool> WithdrawAsync(string occurrenceId, ulong userId)
    {
        lock (_write)
        {
            var id = PeerShareDocument.Key(occurrenceId, userId);
            return ValueTask.FromResult(_shares.FindById(id) is { MessageId: null } && _shares.Delete(id));
        }
    }

    public ValueTask<bool> MarkRevealedAsync(string occurrenceId, ulong userId, ulong messageId, DateTimeOffset at) =>
        ValueTask.FromResult(UpdateShare(occurrenceId, userId, s => s.MessageId is null, s =>
        {
            s.MessageId = messageId;
            s.RevealedAt = at.UtcDateTime;
            s.PendingIn = null;
        }));

    public ValueTask<bool> HideAsync(string occurrenceId, ulong userId, ulong moderatorId, DateTimeOffset at)
    {
        lock (_write)
        {
            var hidden = UpdateShare(occurrenceId, userId, s => s.MessageId is not null && s.HiddenBy is null, s =>
            {
                s.HiddenBy = moderatorId;
                s.HiddenAt = at.UtcDateTime;
            });
            if (hidden)
            {
                _votes.DeleteMany(v => v.OccurrenceId == occurrenceId && v.AuthorId == userId);
            }
            return ValueTask.FromResult(hidden);
        }
    }

    public ValueTask<(PeerReveal Reveal, bool Claimed)> ClaimRevealAsync(PeerReveal reveal)
    {
        try
        {
            _reveals.Insert(PeerRevealDocument.From(reveal));
            return ValueTask.FromResult((reveal, true));
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return ValueTask.FromResult((_reveals.FindById(reveal.OccurrenceId).ToReveal(), false));
        }
    }

    public ValueTask<PeerReveal?> RevealOfAsync(string occurrenceId) => ValueTask.FromResult(_reveals.FindById(occurrenceId)?.ToReveal());

    public ValueTask<PeerReveal> PlaceRevealAsync(string occurrenceId, ulong placeId) =>
        UpdateReveal(occurrenceId, r => r.PlaceId ??= placeId);

    public async ValueTask CompleteRevealAsync(string occurrenceId, DateTimeOffset at) =>
        await UpdateReveal(occurrenceId, r => r.CompletedAt ??= at.UtcDateTime);

    public ValueTask<bool> CloseRevealAsync(string occurrenceId, ulong? topUserId, DateTimeOffset at)
    {
        lock (_write)
        {
            if (_reveals.FindById(occurrenceId) is not { ClosedAt: null } reveal)
            {
                return ValueTask.FromResult(false);
            }
            reveal.ClosedAt = at.UtcDateTime;
            reveal.TopUserId = topUserId;
            reveal.OpenIn = PeerRevealDocument.OpenKey(reveal);
            return ValueTask.FromResult(_reveals.Update(reveal));
        }
    }

    // Every post asks for its channel: the indexed keys keep that to the channel's few unsettled documents.
    public ValueTask<IReadOnlyList<PeerOccurrence>> UnsettledAsync(ulong? channelId)
    {
        var key = channelId?.ToString(CultureInfo.InvariantCulture);
        var shares = (key is null ? _shares.Find(s => s.PendingIn != null) : _shares.Find(s => s.PendingIn == key))
            .Select(s => new PeerOccurrence(s.OccurrenceId, s.ChannelId));
        var reveals = (key is null ? _reveals.Find(r => r.OpenIn != null) : _reveals.Find(r => r.OpenIn == key))
            .Select(r => new PeerOccurrence(r.Id, r.ChannelId));
        return ValueTask.FromResult<IReadOnlyList<PeerOccurrence>>(shares.Concat(reveals).Distinct().ToList());
    }

    public ValueTask<bool> ToggleVoteAsync(PeerVote vote)
    {
        lock (_write)
        {
            var id = PeerVoteDocument.Key(vote.OccurrenceId, vote.AuthorId, vote.VoterId);
            if (_votes.Delete(id))
            {
                return ValueTask.FromResult(false);
            }
            _votes.Insert(PeerVoteDocument.From(vote));
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<IReadOnlyDictionary<ulong, int>> VoteCountsAsync(string occurrenceId) =>
        ValueTask.FromResult<IReadOnlyDictionary<ulong, int>>(
            _votes.Find(v => v.OccurrenceId == occurrenceId).GroupBy(v => v.AuthorId).ToDictionary(g => g.Key, g => g.Count()));

    public ValueTask<IReadOnlyList<PeerVote>> VotesInAsync(ulong channelId, DateTimeOffset from, DateTimeOffset to)
    {
        var (start, end) = (from.UtcDateTime, to.UtcDateTime);
        return ValueTask.FromResult<IReadOnlyList<PeerVote>>(
            _votes.Find(v => v.ChannelId == channelId).Where(v => v.At >= start && v.At < end).Select(v => v.ToVote()).ToList());
    }

    public ValueTask<IReadOnlyList<PeerShare>> SharesByAsync(ulong userId) =>
        ValueTask.FromResult<IReadOnlyList<PeerShare>>(_shares.Find(s => s.UserId == userId).Select(s => s.ToShare()).OrderBy(s => s.SharedAt).ToList());

    public ValueTask<IReadOnlyList<PeerVote>> VotesByAsync(ulong userId) =>
        ValueTask.FromResult<IReadOnlyList<PeerVote>>(_votes.Find(v => v.VoterId == userId).Select(v => v.ToVote()).OrderBy(v => v.At).ToList());

    public ValueTask<(IReadOnlyList<PeerShare> Shares, int Votes)> DeleteAllOfAsync(ulong userId)
    {
        lock (_write)
        {
            var shares = _shares.Find(s => s.UserId == userId).Select(s => s.ToShare()).ToList();
            _shares.DeleteMany(s => s.UserId == userId);
            _votes.DeleteMany(v => v.AuthorId == userId);
            var votes = _votes.DeleteMany(v => v.VoterId == userId);
            return ValueTask.FromResult<(IReadOnlyList<PeerShare>, int)>((shares, votes));
        }
    }

    private bool UpdateShare(string occurrenceId, ulong userId, Func<PeerShareDocument, bool> when, Action<PeerShareDocument> change)
    {
        lock (_write)
        {
            if (_shares.FindById(PeerShareDocument.Key(occurrenceId, userId)) is not { } share || !when(share))
            {
                return false;
            }
            change(share);
            return _shares.Update(share);
        }
    }

    private ValueTask<PeerReveal> UpdateReveal(string occurrenceId, Action<PeerRevealDocument> change)
    {
        lock (_write)
        {
            var reveal = _reveals.FindById(occurrenceId) ?? throw new InvalidOperationException($"Occurrence {occurrenceId} has no reveal.");
            change(reveal);
            reveal.OpenIn = PeerRevealDocument.OpenKey(reveal);
            _reveals.Update(reveal);
            return ValueTask.FromResult(reveal.ToReveal());
        }
    }
}

/// <summary>A <see cref="PeerShare"/> as stored; <c>PendingIn</c> (its channel while it has no message, else null) is indexed for the reveal.</summary>
internal sealed class PeerShareDocument
{
    public string Id { get; set; } = "";
    public string OccurrenceId { get; set; } = "";
    public ulong GuildId { get; set; }
    public ulong ChannelId { get; set; }
    public ulong UserId { get; set; }
    public string AnswerId { get; set; } = "";
    public DateTime SharedAt { get; set; }
    public ulong? MessageId { get; set; }
    public DateTime? RevealedAt { get; set; }
    public ulong? HiddenBy { get; set; }
    public DateTime? HiddenAt { get; set; }
    public string? PendingIn { get; set; }

    public static string Key(string occurrenceId, ulong userId) => $"{occurrenceId}|{userId}";

    public static PeerShareDocument From(PeerShare s) => new()
    {
        Id = Key(s.OccurrenceId, s.UserId), OccurrenceId = s.OccurrenceId, GuildId = s.GuildId, ChannelId = s.ChannelId, UserId = s.UserId,
        AnswerId = s.AnswerId, SharedAt = s.SharedAt.UtcDateTime, MessageId = s.MessageId, RevealedAt = s.RevealedAt?.UtcDateTime,
        HiddenBy = s.HiddenBy, HiddenAt = s.HiddenAt?.UtcDateTime, PendingIn = s.MessageId is null ? s.ChannelId.ToString(CultureInfo.InvariantCulture) : null,
    };

    public PeerShare ToShare() => new(
        OccurrenceId, GuildId, ChannelId, UserId, AnswerId, DailyRules.Utc(SharedAt), MessageId, Utc(RevealedAt), HiddenBy, Utc(HiddenAt));

    internal static DateTimeOffset? Utc(DateTime? value) => value is { } v ? DailyRules.Utc(v) : null;
}

internal sealed class PeerVoteDocument
{
    public string Id { get; set; } = "";
    public string OccurrenceId { get; set; } = "";
    public ulong AuthorId { get; set; }
    public ulong VoterId { get; set; }
    public ulong GuildId { get; set; }
    public ulong ChannelId { get; set; }
    public DateTime At { get; set; }

    public static string Key(string occurrenceId, ulong authorId, ulong voterId) => $"{occurrenceId}|{authorId}|{voterId}";

    public static PeerVoteDocument From(PeerVote v) => new()
    {
        Id = Key(v.OccurrenceId, v.AuthorId, v.VoterId), OccurrenceId = v.OccurrenceId, AuthorId = v.AuthorId, VoterId = v.VoterId,
        GuildId = v.GuildId, ChannelId = v.ChannelId, At = v.At.UtcDateTime,
    };

    public PeerVote ToVote() => new(OccurrenceId, AuthorId, VoterId, GuildId, ChannelId, DailyRules.Utc(At));
}

/// <summary>A <see cref="PeerReveal"/> as stored (id = the occurrence's); <c>OpenIn</c> (its channel while not completed or not closed, else null) is indexed.</summary>
internal sealed class PeerRevealDocument
{
    public string Id { get; set; } = "";
    public ulong GuildId { get; set; }
    public ulong ChannelId { get; set; }
    public DateTime ClaimedAt { get; set; }
    public ulong? PlaceId { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public ulong? TopUserId { get; set; }
    public string? OpenIn { get; set; }

    public static string? OpenKey(PeerRevealDocument r) =>
        r.CompletedAt is null || r.ClosedAt is null ? r.ChannelId.ToString(CultureInfo.InvariantCulture) : null;

    public static PeerRevealDocument From(PeerReveal r)
    {
        var document = new PeerRevealDocument
        {
            Id = r.OccurrenceId, GuildId = r.GuildId, ChannelId = r.ChannelId, ClaimedAt = r.ClaimedAt.UtcDateTime, PlaceId = r.PlaceId,
            CompletedAt = r.CompletedAt?.UtcDateTime, ClosedAt = r.ClosedAt?.UtcDateTime, TopUserId = r.TopUserId,
        };
        document.OpenIn = OpenKey(document);
        return document;
    }

    public PeerReveal ToReveal() => new(
        Id, GuildId, ChannelId, DailyRules.Utc(ClaimedAt), PlaceId, PeerShareDocument.Utc(CompletedAt), PeerShareDocument.Utc(ClosedAt), TopUserId);
}
