using LiteDB;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Storage;

/// <summary>The LiteDB adapter of <see cref="IPracticeStore"/>.</summary>
public sealed class LitePracticeStore : IPracticeStore
{
    private readonly ILiteCollection<HintRevealDocument> _reveals;
    private readonly ILiteCollection<ShownQuestionDocument> _shown;

    // Writes go through the file's write queue: one at a time (which keeps RecordHints' read-modify-write whole, as LiteDB
    // makes each operation atomic, not a read followed by a write), and those arriving together share a commit. Under
    // load, a /question or a Hint click used to wait on the engine's lock while another held it for its own commit.
    private readonly GroupedWrites _writes;

    // Every /question reads its channel's history and adds one entry. Kept in memory (write-through), a pick costs one
    // small LiteDB write (the entry's own document) instead of reading the history and rewriting all of it.
    // Bounded: a history is up to one entry per question, so past the cap those with every write committed are dropped
    // and reread on demand.
    private const int MaxKeptChannels = 1024;
    private readonly Dictionary<ulong, KeptHistory> _keptHistory = [];

    // Never held while calling the engine: the queue's writer holds the engine while it takes this lock.
    private readonly Lock _historyLock = new();

    public LitePracticeStore(BotDatabase db)
    {
        _reveals = db.Collection<HintRevealDocument>("hint_reveals");
        _reveals.EnsureIndex(r => r.UserId);
        _shown = ShownQuestions(db.Database);
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
            // Dropped from memory since it was read (then every write of it had committed): it is the kept one again.
            history = Keep(channelId, history);
            history.Shown[questionId] = now.UtcDateTime;
            history.Unwritten++;
        }
        try
        {
            await _writes.RunAsync(() =>
            {
                // The entry as kept when the write runs: of two picks of one question, the later write stores the later time.
                DateTime shownAt;
                lock (_historyLock)
                {
                    shownAt = history.Shown[questionId];
                }
                _shown.Upsert(new ShownQuestionDocument
                {
                    Id = ShownQuestionDocument.Key(channelId, questionId),
                    ChannelId = channelId,
                    QuestionId = questionId,
                    ShownAt = shownAt,
                });
                return () => Written(history);
            });
        }
        catch
        {
            Written(history);
            throw;
        }
    }

    private void Written(KeptHistory history)
    {
        lock (_historyLock)
        {
            history.Unwritten--;
        }
    }

    /// <summary>The channel's kept history, read from the file the first time (outside the lock: see <see cref="_historyLock"/>).</summary>
    private KeptHistory History(ulong channelId)
    {
        lock (_historyLock)
        {
            if (_keptHistory.TryGetValue(channelId, out var kept))
            {
                return kept;
            }
        }
        var read = new KeptHistory(_shown.Find(s => s.ChannelId == channelId).ToDictionary(s => s.QuestionId, s => s.ShownAt));
        lock (_historyLock)
        {
            return Keep(channelId, read);
        }
    }

    /// <summary>The channel's kept history: one read meanwhile by another call wins; else this one is kept.</summary>
    private KeptHistory Keep(ulong channelId, KeptHistory history)
    {
        if (_keptHistory.TryGetValue(channelId, out var kept))
        {
            return kept;
        }
        if (_keptHistory.Count >= MaxKeptChannels)
        {
            // A history with a write still queued stays: reread now, it would miss that entry.
            foreach (var written in _keptHistory.Where(h => h.Value.Unwritten == 0).Select(h => h.Key).ToList())
            {
                _keptHistory.Remove(written);
            }
        }
        _keptHistory[channelId] = history;
        return history;
    }

    internal static ILiteCollection<ShownQuestionDocument> ShownQuestions(LiteDatabase db)
    {
        var shown = db.GetCollection<ShownQuestionDocument>(ShownQuestionsCollection);
        shown.EnsureIndex(s => s.ChannelId);
        return shown;
    }

    private const string ShownQuestionsCollection = "shown_questions";

    /// <summary>
    /// Schema step 3: a channel's history was one document holding every question shown there, rewritten whole by each
    /// /question; it becomes one document per channel and question.
    /// </summary>
    internal static void SplitChannelHistories(LiteDatabase db)
    {
        var shown = ShownQuestions(db);
        foreach (var history in db.GetCollection("channel_history").FindAll())
        {
            var channelId = (ulong)history["_id"].AsInt64;
            foreach (var (questionId, shownAt) in history["Shown"].AsDocument)
            {
                shown.Upsert(new ShownQuestionDocument
                {
                    Id = ShownQuestionDocument.Key(channelId, questionId),
                    ChannelId = channelId,
                    QuestionId = questionId,
                    ShownAt = shownAt.AsDateTime,
                });
            }
        }
        // Emptied, not dropped: LiteDB drops a collection only outside a transaction, and the step commits with its version.
        db.GetCollection("channel_history").DeleteAll();
    }

    /// <summary>A channel's shown history in memory, with how many of its writes have not committed yet.</summary>
    private sealed class KeptHistory(Dictionary<string, DateTime> shown)
    {
        public Dictionary<string, DateTime> Shown { get; } = shown;

        public int Unwritten { get; set; }
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

/// <summary>When a question was last shown in a channel (id <c>{channel}:{question}</c>), for the picker's "no repeats until exhausted" rule.</summary>
internal sealed class ShownQuestionDocument
{
    public string Id { get; set; } = "";
    public ulong ChannelId { get; set; }
    public string QuestionId { get; set; } = "";
    public DateTime ShownAt { get; set; }

    public static string Key(ulong channelId, string questionId) => $"{channelId}:{questionId}";
}
