using LiteDB;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Storage;

/// <summary>The LiteDB adapter of <see cref="IPracticeStore"/>.</summary>
public sealed class LitePracticeStore : IPracticeStore
{
    private readonly ILiteCollection<HintRevealDocument> _reveals;
    private readonly ILiteCollection<ChannelHistoryDocument> _history;

    // Writes go through the file's write queue: one at a time (which keeps RecordHints' read-modify-write whole, as LiteDB
    // makes each operation atomic, not a read followed by a write), and those arriving together share a commit. Under
    // load, a /question or a Hint click used to wait on the engine's lock while another held it for its own commit.
    private readonly GroupedWrites _writes;

    // Every /question reads and rewrites its channel's history. Kept in memory (write-through), a pick costs one LiteDB
    // write instead of two reads and a write, and two picks in one channel cannot lose each other's entry. A history
    // changed again before its write ran is written once for both: the later write finds the change committed.
    // Bounded: a history is up to one entry per question, so past the cap the clean ones are dropped and reread on demand.
    private const int MaxKeptChannels = 1024;
    private readonly Dictionary<long, ChannelHistoryDocument> _keptHistory = [];

    // Never held while calling the engine: the queue's writer holds the engine while it takes this lock.
    private readonly Lock _historyLock = new();

    public LitePracticeStore(BotDatabase db)
    {
        _reveals = db.Collection<HintRevealDocument>("hint_reveals");
        _reveals.EnsureIndex(r => r.UserId);
        _history = db.Collection<ChannelHistoryDocument>("channel_history");
        _writes = db.Writes;
    }

    public async ValueTask<HintReveal> RecordHintsAsync(ulong? guildId, ulong userId, string questionId, int rungs, DateTimeOffset now)
    {
        var id = HintRevealDocument.Key(guildId, userId, questionId);
        HintReveal? stored = null;
        await _writes.RunAsync(() =>
        {
            var reveal = _reveals.FindById(id) ?? new HintRevealDocument
            {
                Id = id,
                GuildId = guildId ?? 0,
                UserId = userId,
                QuestionId = questionId,
                FirstRevealedAt = now.UtcDateTime,
            };
            reveal.Rungs = Math.Max(reveal.Rungs, rungs);
            reveal.LastRevealedAt = now.UtcDateTime;
            _reveals.Upsert(reveal);
            stored = reveal.ToReveal();
            return null;
        });
        return stored!;
    }

    public ValueTask<int> HintsRevealedAsync(ulong? guildId, ulong userId, string questionId) =>
        ValueTask.FromResult(_reveals.FindById(HintRevealDocument.Key(guildId, userId, questionId))?.Rungs ?? 0);

    public ValueTask<IReadOnlyList<HintReveal>> RevealsOfAsync(ulong userId) =>
        ValueTask.FromResult<IReadOnlyList<HintReveal>>(_reveals.Find(r => r.UserId == userId).Select(r => r.ToReveal()).ToList());

    public ValueTask<int> DeleteRevealsOfAsync(ulong userId) => ValueTask.FromResult(_reveals.DeleteMany(r => r.UserId == userId));

    public ValueTask<IReadOnlyDictionary<string, DateTimeOffset>> ShownInAsync(ulong channelId)
    {
        var history = History(channelId);
        lock (_historyLock)
        {
            // A copy: the caller reads it while other picks record into the kept one.
            return ValueTask.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(
                history.Shown.ToDictionary(e => e.Key, e => DailyRules.Utc(e.Value)));
        }
    }

    public async ValueTask RecordShownAsync(ulong channelId, string questionId, DateTimeOffset now)
    {
        var history = History(channelId);
        lock (_historyLock)
        {
            // Dropped from memory since it was read (then it was clean): it is the kept one again.
            history = Keep(history);
            history.Shown[questionId] = now.UtcDateTime;
            history.Changes++;
        }
        await _writes.RunAsync(() =>
        {
            long changes;
            lock (_historyLock)
            {
                changes = history.Changes;
                if (changes == history.CommittedChanges)
                {
                    return null;
                }
                _history.Upsert(history);
            }
            // Counted once committed: a group that fails is rolled back and its writes run again.
            return () =>
            {
                lock (_historyLock)
                {
                    history.CommittedChanges = Math.Max(history.CommittedChanges, changes);
                }
            };
        });
    }

    /// <summary>The channel's kept history, read from the file the first time (outside the lock: see <see cref="_historyLock"/>).</summary>
    private ChannelHistoryDocument History(ulong channelId)
    {
        var id = (long)channelId;
        lock (_historyLock)
        {
            if (_keptHistory.TryGetValue(id, out var kept))
            {
                return kept;
            }
        }
        var read = _history.FindById(id) ?? new ChannelHistoryDocument { Id = id };
        lock (_historyLock)
        {
            return Keep(read);
        }
    }

    /// <summary>The kept history of the document's channel: one read meanwhile by another call wins; else this one is kept.</summary>
    private ChannelHistoryDocument Keep(ChannelHistoryDocument history)
    {
        if (_keptHistory.TryGetValue(history.Id, out var kept))
        {
            return kept;
        }
        if (_keptHistory.Count >= MaxKeptChannels)
        {
            // A history with a write still queued stays: its write upserts the kept document.
            foreach (var clean in _keptHistory.Values.Where(h => h.Changes == h.CommittedChanges).ToList())
            {
                _keptHistory.Remove(clean.Id);
            }
        }
        _keptHistory[history.Id] = history;
        return history;
    }
}

/// <summary>A <see cref="HintReveal"/> as stored, id <c>{guild}:{user}:{question}</c>.</summary>
internal sealed class HintRevealDocument
{
    public string Id { get; set; } = "";
    public ulong GuildId { get; set; }
    public ulong UserId { get; set; }
    public string QuestionId { get; set; } = "";
    public int Rungs { get; set; }
    public DateTime FirstRevealedAt { get; set; }
    public DateTime LastRevealedAt { get; set; }

    public static string Key(ulong? guildId, ulong userId, string questionId) => $"{guildId ?? 0}:{userId}:{questionId}";

    public HintReveal ToReveal() =>
        new(GuildId, UserId, QuestionId, Rungs, DailyRules.Utc(FirstRevealedAt), DailyRules.Utc(LastRevealedAt));
}

/// <summary>Questions shown in one channel (id = channel id), for the picker's "no repeats until exhausted" rule.</summary>
internal sealed class ChannelHistoryDocument
{
    public long Id { get; set; }
    public Dictionary<string, DateTime> Shown { get; set; } = [];

    /// <summary>Entries recorded in memory since it was read (not stored).</summary>
    [BsonIgnore]
    public long Changes { get; set; }

    /// <summary>How many of <see cref="Changes"/> a committed write holds (not stored).</summary>
    [BsonIgnore]
    public long CommittedChanges { get; set; }
}
