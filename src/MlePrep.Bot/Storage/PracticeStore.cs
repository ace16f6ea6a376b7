using LiteDB;

namespace MlePrep.Bot.Storage;

/// <summary>Which hints members revealed, and which questions each channel has seen.</summary>
public sealed class PracticeStore
{
    private readonly ILiteCollection<HintReveal> _reveals;
    private readonly ILiteCollection<ChannelHistory> _history;

    // Every /question reads and rewrites its channel's history. Kept in memory (write-through, under one lock), a pick costs
    // one LiteDB write instead of two reads and a write, and two picks in one channel cannot lose each other's entry.
    // Bounded: a history is up to one entry per question, so past the cap the kept ones are dropped and reread on demand.
    private const int MaxKeptChannels = 1024;
    private readonly Dictionary<long, ChannelHistory> _keptHistory = [];
    private readonly Lock _historyLock = new();

    public PracticeStore(BotDatabase db)
    {
        _reveals = db.Collection<HintReveal>("hint_reveals");
        _reveals.EnsureIndex(r => r.UserId);
        _history = db.Collection<ChannelHistory>("channel_history");
    }

    /// <summary>Records that <paramref name="userId"/> has seen <paramref name="rungs"/> hints of a question (never lowers it).</summary>
    public HintReveal RecordHints(ulong? guildId, ulong userId, string questionId, int rungs, DateTimeOffset now)
    {
        var id = HintReveal.Key(guildId, userId, questionId);
        var reveal = _reveals.FindById(id) ?? new HintReveal
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
        return reveal;
    }

    public int HintsRevealed(ulong? guildId, ulong userId, string questionId) =>
        _reveals.FindById(HintReveal.Key(guildId, userId, questionId))?.Rungs ?? 0;

    public IReadOnlyList<HintReveal> RevealsOf(ulong userId) => _reveals.Find(r => r.UserId == userId).ToList();

    public int DeleteRevealsOf(ulong userId) => _reveals.DeleteMany(r => r.UserId == userId);

    /// <summary>When each question was last shown in the channel.</summary>
    public IReadOnlyDictionary<string, DateTime> ShownIn(ulong channelId)
    {
        lock (_historyLock)
        {
            // A copy: the caller reads it while other picks record into the kept one.
            return new Dictionary<string, DateTime>(History(channelId).Shown);
        }
    }

    public void RecordShown(ulong channelId, string questionId, DateTimeOffset now)
    {
        lock (_historyLock)
        {
            var history = History(channelId);
            history.Shown[questionId] = now.UtcDateTime;
            _history.Upsert(history);
        }
    }

    private ChannelHistory History(ulong channelId)
    {
        var id = (long)channelId;
        if (!_keptHistory.TryGetValue(id, out var history))
        {
            if (_keptHistory.Count >= MaxKeptChannels)
            {
                _keptHistory.Clear();
            }
            history = _history.FindById(id) ?? new ChannelHistory { Id = id };
            _keptHistory[id] = history;
        }
        return history;
    }
}

/// <summary>How far a member went down a question's hint ladder.</summary>
public sealed class HintReveal
{
    public string Id { get; set; } = "";
    public ulong GuildId { get; set; }
    public ulong UserId { get; set; }
    public string QuestionId { get; set; } = "";
    public int Rungs { get; set; }
    public DateTime FirstRevealedAt { get; set; }
    public DateTime LastRevealedAt { get; set; }

    public static string Key(ulong? guildId, ulong userId, string questionId) => $"{guildId ?? 0}:{userId}:{questionId}";
}

/// <summary>Questions shown in one channel, for the picker's "no repeats until exhausted" rule.</summary>
public sealed class ChannelHistory
{
    public long Id { get; set; }
    public Dictionary<string, DateTime> Shown { get; set; } = [];
}
