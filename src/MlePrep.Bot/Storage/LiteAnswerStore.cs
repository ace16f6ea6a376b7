using System.Collections.Concurrent;
using LiteDB;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;

namespace MlePrep.Bot.Storage;

/// <summary>
/// The LiteDB adapter of <see cref="IAnswerStore"/>: one document per member and daily occurrence (or per member and
/// question outside dailies), so a re-submission replaces the document and can never count twice.
/// </summary>
public sealed class LiteAnswerStore : IAnswerStore
{
    internal const string CollectionName = "streak_answers";
    internal const string StreaksCollection = "streak_state";

    private readonly ILiteCollection<AnswerDocument> _answers;
    private readonly ILiteCollection<StreakDocument> _streaks;

    // Every write goes through the file's write queue, one at a time: that keeps Save's read-modify-write whole (LiteDB
    // makes each operation atomic, not a read followed by a write), and writes arriving together share a commit.
    private readonly GroupedWrites _writes;

    // Guards the kept streak states, which writes change only once committed.
    private readonly Lock _kept = new();

    // Every board reads all streak states of its channel (100k documents in a big server: about a second of LiteDB).
    // This adapter is the file's only writer, so a channel's states read once are kept and written through; bounded,
    // a channel's states being ~150 bytes a member.
    private const int MaxKeptChannels = 64;

    // States read per LiteDB query (see ReadStreaks). Measured over 100k states: the heap committed during the read
    // peaked at 45 MB with 500 a query, 88 MB with 2,000, 129 MB with 8,000, in about the same time.
    internal const int StatesPerRead = 500;
    private readonly Dictionary<ulong, Dictionary<ulong, MemberStreak>> _keptStreaks = [];

    // Bumped after every write that changes what ranks in a channel. In memory: this adapter is the file's only writer
    // (one process per file).
    private readonly ConcurrentDictionary<ulong, long> _versions = new();

    public LiteAnswerStore(BotDatabase db)
    {
        _answers = db.Collection<AnswerDocument>(CollectionName);
        _answers.EnsureIndex(a => a.OccurrenceId);
        _answers.EnsureIndex(a => a.UserId);
        _answers.EnsureIndex(a => a.ChannelId);
        _streaks = Streaks(db.Database);
        _writes = db.Writes;
    }

    internal static ILiteCollection<StreakDocument> Streaks(LiteDatabase db)
    {
        var streaks = db.GetCollection<StreakDocument>(StreaksCollection);
        streaks.EnsureIndex(s => s.ChannelId);
        streaks.EnsureIndex(s => s.UserId);
        return streaks;
    }

    public async ValueTask<AnswerSaved> SaveAsync(AnswerSubmission submission)
    {
        var id = Answer.Key(submission.GuildId, submission.UserId, submission.OccurrenceId, submission.QuestionId);
        AnswerSaved? saved = null;
        await _writes.RunAsync(() =>
        {
            var existing = _answers.FindById(id);
            var document = new AnswerDocument
            {
                Id = id,
                GuildId = submission.GuildId,
                UserId = submission.UserId,
                ChannelId = submission.ChannelId,
                QuestionId = submission.QuestionId,
                OccurrenceId = submission.OccurrenceId,
                Text = submission.Text,
                HintsRevealed = Math.Max(submission.HintsRevealed, existing?.HintsRevealed ?? 0),
                FirstAnsweredAt = existing?.FirstAnsweredAt ?? submission.At.UtcDateTime,
                UpdatedAt = submission.At.UtcDateTime,
                Revisions = (existing?.Revisions ?? 0) + 1,
            };
            _answers.Upsert(document);
            saved = new AnswerSaved(document.ToAnswer(), Replaced: existing is not null);
            // Boards rank daily answers by member, occurrence and first answer time. A re-submission keeps all three
            // (its text and hints do not rank), so it leaves the boards valid; a member's re-submissions cost no rebuild.
            return existing?.ChannelId == document.ChannelId ? null : () =>
            {
                Changed(document);
                if (existing is not null)
                {
                    Changed(existing);
                }
            };
        });
        return saved!;
    }

    public ValueTask<int> CountForAsync(string occurrenceId) => ValueTask.FromResult(_answers.Count(a => a.OccurrenceId == occurrenceId));

    // As what ranks: no text (LiteDB then does not decode it).
    public ValueTask<IReadOnlyList<AnswerStamp>> DailyInAsync(ulong channelId) =>
        Stamps(_answers.Query().Where(a => a.ChannelId == channelId && a.OccurrenceId != null));

    public ValueTask<IReadOnlyList<AnswerStamp>> DailyInAsync(ulong channelId, ulong userId) =>
        Stamps(_answers.Query().Where(a => a.UserId == userId && a.ChannelId == channelId && a.OccurrenceId != null));

    public ValueTask<IReadOnlyList<Answer>> OfAsync(ulong userId) => ValueTask.FromResult(Of(userId));

    public async ValueTask<IReadOnlyList<Answer>> DeleteAllOfAsync(ulong userId)
    {
        List<AnswerDocument> deleted = [];
        await _writes.RunAsync(() =>
        {
            deleted = _answers.Find(a => a.UserId == userId).ToList();
            _answers.DeleteMany(a => a.UserId == userId);
            _streaks.DeleteMany(s => s.UserId == userId);
            return () =>
            {
                lock (_kept)
                {
                    foreach (var kept in _keptStreaks.Values)
                    {
                        kept.Remove(userId);
                    }
                }
                foreach (var answer in deleted)
                {
                    Changed(answer);
                }
            };
        });
        return deleted.Select(a => a.ToAnswer()).ToList();
    }

    public ValueTask<long> RankingVersionAsync(ulong channelId) => ValueTask.FromResult(_versions.GetValueOrDefault(channelId));

    public ValueTask<MemberStreak?> StreakAsync(ulong channelId, ulong userId)
    {
        lock (_kept)
        {
            return ValueTask.FromResult(_keptStreaks.TryGetValue(channelId, out var kept)
                ? kept.GetValueOrDefault(userId)
                : _streaks.FindById(StreakDocument.Key(channelId, userId))?.ToStreak());
        }
    }

    public ValueTask<IReadOnlyList<MemberStreak>> StreaksInAsync(ulong channelId)
    {
        lock (_kept)
        {
            if (!_keptStreaks.TryGetValue(channelId, out var kept))
            {
                if (_keptStreaks.Count >= MaxKeptChannels)
                {
                    _keptStreaks.Clear();
                }
                kept = ReadStreaks(channelId);
                _keptStreaks[channelId] = kept;
            }
            return ValueTask.FromResult<IReadOnlyList<MemberStreak>>([.. kept.Values]);
        }
    }

    public async ValueTask ReplaceStreaksAsync(ulong channelId, IReadOnlyList<MemberStreak> save, IReadOnlyList<ulong> remove)
    {
        // Read back from the documents: kept states equal what a reopened file reads (dates to LiteDB's milliseconds).
        var documents = save.Select(StreakDocument.From).ToList();
        await _writes.RunAsync(() =>
        {
            _streaks.Upsert(documents);
            foreach (var userId in remove)
            {
                _streaks.Delete(StreakDocument.Key(channelId, userId));
            }
            return () =>
            {
                lock (_kept)
                {
                    if (_keptStreaks.TryGetValue(channelId, out var kept))
                    {
                        foreach (var document in documents)
                        {
                            kept[document.UserId] = document.ToStreak();
                        }
                        foreach (var userId in remove)
                        {
                            kept.Remove(userId);
                        }
                    }
                }
                _versions.AddOrUpdate(channelId, 1, (_, v) => v + 1);
            };
        });
    }

    /// <summary>
    /// A channel's states, read in batches along the id index: ids are <c>{channel}:{user}</c>, so a channel's states
    /// are consecutive in it, from just after <c>{channel}:</c> to the first state of another channel.
    /// </summary>
    /// <remarks>
    /// One LiteDB query holds every page it reads in LiteDB's page cache until it ends, and that cache reuses its memory
    /// but never frees it: 100k states in one query kept ~60 MB of pages, and its garbage left ~200 MB of heap committed
    /// (measured, 100k members). A batch per query holds a batch's pages. A write committed between two batches is applied
    /// by its own completion, which waits for the kept states' lock and so comes after this read is kept.
    /// </remarks>
    private Dictionary<ulong, MemberStreak> ReadStreaks(ulong channelId)
    {
        var kept = new Dictionary<ulong, MemberStreak>();
        // Many members' last answer is to the same few occurrences: one string each, not one per member.
        var occurrenceIds = new Dictionary<string, string>();
        var after = $"{channelId}:";
        while (true)
        {
            var batch = _streaks.Find(Query.GT("_id", after), 0, StatesPerRead).ToList();
            foreach (var document in batch)
            {
                if (document.ChannelId != channelId)
                {
                    return kept;
                }
                if (!occurrenceIds.TryGetValue(document.LastOccurrenceId, out var occurrenceId))
                {
                    occurrenceIds[document.LastOccurrenceId] = occurrenceId = document.LastOccurrenceId;
                }
                document.LastOccurrenceId = occurrenceId;
                kept[document.UserId] = document.ToStreak();
                after = document.Id;
            }
            if (batch.Count < StatesPerRead)
            {
                return kept;
            }
        }
    }

    /// <summary>Derives every member's streak state in every channel from the answers and the ledger (for files older than the state).</summary>
    internal static void BuildStreaks(LiteDatabase db)
    {
        var streaks = Streaks(db);
        var answers = db.GetCollection<AnswerDocument>(CollectionName);
        var byChannel = db.GetCollection<LiteDailyStore.OccurrenceDocument>(LiteDailyStore.OccurrencesCollection).FindAll()
            .Select(o => o.ToOccurrence()).GroupBy(o => o.ChannelId);
        foreach (var channel in byChannel)
        {
            var channelId = channel.Key;
            var posted = DailyLedger.Posted(channel);
            var states = answers.Find(a => a.ChannelId == channelId && a.OccurrenceId != null)
                .Select(a => new AnswerStamp(a.UserId, a.OccurrenceId!, DailyRules.Utc(a.FirstAnsweredAt)))
                .GroupBy(a => a.UserId)
                .Select(m => MemberStreak.Derive(channelId, m.Key, posted, m))
                .OfType<MemberStreak>();
            streaks.Upsert(states.Select(StreakDocument.From));
        }
    }

    private IReadOnlyList<Answer> Of(ulong userId) => _answers.Find(a => a.UserId == userId).Select(a => a.ToAnswer()).ToList();

    // After the write, never before: a reader that sees the new version must also see the new data.
    private void Changed(AnswerDocument answer)
    {
        if (answer.OccurrenceId is not null)
        {
            _versions.AddOrUpdate(answer.ChannelId, 1, (_, v) => v + 1);
        }
    }

    private static ValueTask<IReadOnlyList<AnswerStamp>> Stamps(ILiteQueryable<AnswerDocument> query) =>
        ValueTask.FromResult<IReadOnlyList<AnswerStamp>>(query
            .Select(a => new { a.UserId, a.OccurrenceId, a.FirstAnsweredAt })
            .ToEnumerable()
            .Select(a => new AnswerStamp(a.UserId, a.OccurrenceId!, DailyRules.Utc(a.FirstAnsweredAt)))
            .ToList());
}

/// <summary>An <see cref="Answer"/> as stored.</summary>
internal sealed class AnswerDocument
{
    public string Id { get; set; } = "";
    public ulong GuildId { get; set; }
    public ulong UserId { get; set; }
    public ulong ChannelId { get; set; }
    public string QuestionId { get; set; } = "";
    public string? OccurrenceId { get; set; }
    public string Text { get; set; } = "";
    public int HintsRevealed { get; set; }
    public DateTime FirstAnsweredAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Revisions { get; set; }

    public Answer ToAnswer() => new(Id, GuildId, UserId, ChannelId, QuestionId, OccurrenceId, Text, HintsRevealed,
        DailyRules.Utc(FirstAnsweredAt), DailyRules.Utc(UpdatedAt), Revisions);
}

/// <summary>A <see cref="MemberStreak"/> as stored; id <c>{channel}:{user}</c>.</summary>
internal sealed class StreakDocument
{
    public string Id { get; set; } = "";
    public ulong ChannelId { get; set; }
    public ulong UserId { get; set; }
    public string LastOccurrenceId { get; set; } = "";
    public int LastIndex { get; set; }
    public int Current { get; set; }
    public int Best { get; set; }
    public int FreezesHeld { get; set; }
    public int FreezesUsed { get; set; }
    public int Answered { get; set; }
    public DateTime CurrentReachedAt { get; set; }
    public DateTime BestReachedAt { get; set; }

    public static string Key(ulong channelId, ulong userId) => $"{channelId}:{userId}";

    public static StreakDocument From(MemberStreak s) => new()
    {
        Id = Key(s.ChannelId, s.UserId),
        ChannelId = s.ChannelId,
        UserId = s.UserId,
        LastOccurrenceId = s.LastOccurrenceId,
        LastIndex = s.LastIndex,
        Current = s.Current,
        Best = s.Best,
        FreezesHeld = s.FreezesHeld,
        FreezesUsed = s.FreezesUsed,
        Answered = s.Answered,
        CurrentReachedAt = Stored(s.CurrentReachedAt),
        BestReachedAt = Stored(s.BestReachedAt),
    };

    // LiteDB keeps dates to the millisecond.
    private static DateTime Stored(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    public MemberStreak ToStreak() => new(ChannelId, UserId, LastOccurrenceId, LastIndex, Current, Best, FreezesHeld, FreezesUsed, Answered,
        DailyRules.Utc(CurrentReachedAt), DailyRules.Utc(BestReachedAt));
}
