using LiteDB;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Storage;

/// <summary>The LiteDB adapter of <see cref="IPracticeStore"/>.</summary>
public sealed class LitePracticeStore : IPracticeStore
{
    private readonly ILiteCollection<HintRevealDocument> _reveals;
    private readonly ILiteCollection<ChannelHistoryDocument> _history;

    // Every /question reads and rewrites its channel's history. Kept in memory (write-through, under one lock), a pick costs
    // one LiteDB write instead of two reads and a write, and two picks in one channel cannot lose each other's entry.
    // Bounded: a history is up to one entry per question, so past the cap the kept ones are dropped and reread on demand.
    private const int MaxKeptChannels = 1024;
    private readonly Dictionary<long, ChannelHistoryDocument> _keptHistory = [];
    private readonly Lock _historyLock = new();

    // LiteDB makes each operation atomic, not a read followed by a write; this keeps RecordHints' read-modify-write whole.
    private readonly Lock _revealLock = new();

    public LitePracticeStore(BotDatabase db)
    {
        _reveals = db.Collection<HintRevealDocument>("hint_reveals");
        _reveals.EnsureIndex(r => r.UserId);
        _history = db.Collection<ChannelHistoryDocument>("channel_history");
    }

    public ValueTask<HintReveal> RecordHintsAsync(ulong? guildId, ulong userId, string questionId, int rungs, DateTimeOffset now)
    {
        var id = HintRevealDocument.Key(guildId, userId, questionId);
        lock (_revealLock)
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
            return ValueTask.FromResult(reveal.ToReveal());
        }
    }

    public ValueTask<int> HintsRevealedAsync(ulong? guildId, ulong userId, string questionId) =>
        ValueTask.FromResult(_reveals.FindById(HintRevealDocument.Key(guildId, userId, questionId))?.Rungs ?? 0);

    public ValueTask<IReadOnlyList<HintReveal>> RevealsOfAsync(ulong userId) =>
        ValueTask.FromResult<IReadOnlyList<HintReveal>>(_reveals.Find(r => r.UserId == userId).Select(r => r.ToReveal()).ToList());

    public ValueTask<int> DeleteRevealsOfAsync(ulong userId) => ValueTask.FromResult(_reveals.DeleteMany(r => r.UserId == userId));

    public ValueTask<IReadOnlyDictionary<string, DateTimeOffset>> ShownInAsync(ulong channelId)
    {
        lock (_historyLock)
        {
            // A copy: the caller reads it while other picks record into the kept one.
            return ValueTask.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(
                History(channelId).Shown.ToDictionary(e => e.Key, e => DailyRules.Utc(e.Value)));
        }
    }

    public ValueTask RecordShownAsync(ulong channelId, string questionId, DateTimeOffset now)
    {
        lock (_historyLock)
        {
            var history = History(channelId);
            history.Shown[questionId] = now.UtcDateTime;
            _history.Upsert(history);
        }
        return ValueTask.CompletedTask;
    }

    private ChannelHistoryDocument History(ulong channelId)
    {
        var id = (long)channelId;
        if (!_keptHistory.TryGetValue(id, out var history))
        {
            if (_keptHistory.Count >= MaxKeptChannels)
            {
                _keptHistory.Clear();
            }
            history = _history.FindById(id) ?? new ChannelHistoryDocument { Id = id };
            _keptHistory[id] = history;
        }
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
}
