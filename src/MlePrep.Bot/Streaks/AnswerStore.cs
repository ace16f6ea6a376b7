using System.Collections.Concurrent;
using LiteDB;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Streaks;

/// <summary>
/// Members' answers. One document per member and daily occurrence (or per member and question outside dailies), so a
/// re-submission replaces the text and can never count twice. Streaks are derived from these and the ledger, never
/// stored, so deleting answers deletes streaks and nothing can drift.
/// </summary>
public sealed class AnswerStore
{
    public const string CollectionName = "streak_answers";

    private readonly ILiteCollection<AnswerRecord> _answers;

    // LiteDB makes each operation atomic, not a read followed by a write; this keeps Save's read-modify-write whole.
    private readonly Lock _write = new();

    // Bumped after every write that changes what ranks in a channel, so what is derived from it (boards) knows when it is stale.
    private readonly ConcurrentDictionary<ulong, long> _versions = new();

    public AnswerStore(BotDatabase db)
    {
        _answers = db.Collection<AnswerRecord>(CollectionName);
        _answers.EnsureIndex(a => a.OccurrenceId);
        _answers.EnsureIndex(a => a.UserId);
        _answers.EnsureIndex(a => a.ChannelId);
    }

    /// <summary>Stores an answer, replacing the member's earlier one for the same occurrence (or question) but keeping when it was first given.</summary>
    public AnswerSaved Save(AnswerSubmission submission)
    {
        var id = AnswerRecord.Key(submission.GuildId, submission.UserId, submission.OccurrenceId, submission.QuestionId);
        lock (_write)
        {
            var existing = _answers.FindById(id);
            var record = new AnswerRecord
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
            _answers.Upsert(record);
            // Boards rank daily answers by member, occurrence and first answer time. A re-submission keeps all three
            // (its text and hints do not rank), so it leaves the boards valid; a member's re-submissions cost no rebuild.
            if (existing?.ChannelId != record.ChannelId)
            {
                Changed(record);
                if (existing is not null)
                {
                    Changed(existing);
                }
            }
            return new AnswerSaved(record, Replaced: existing is not null);
        }
    }

    /// <summary>How many members answered an occurrence (late answers included: they did answer the post).</summary>
    public int CountFor(string occurrenceId) => _answers.Count(a => a.OccurrenceId == occurrenceId);

    /// <summary>Every daily answer given in a channel, as what ranks: no text (LiteDB then does not decode it).</summary>
    public IReadOnlyList<AnswerStamp> DailyIn(ulong channelId) =>
        Stamps(_answers.Query().Where(a => a.ChannelId == channelId && a.OccurrenceId != null));

    /// <summary>One member's daily answers in a channel, as what ranks.</summary>
    public IReadOnlyList<AnswerStamp> DailyIn(ulong channelId, ulong userId) =>
        Stamps(_answers.Query().Where(a => a.UserId == userId && a.ChannelId == channelId && a.OccurrenceId != null));

    /// <summary>A member's answers in every server.</summary>
    public IReadOnlyList<AnswerRecord> Of(ulong userId) => _answers.Find(a => a.UserId == userId).ToList();

    /// <summary>Deletes a member's answers in every server and returns what was deleted.</summary>
    public IReadOnlyList<AnswerRecord> DeleteAllOf(ulong userId)
    {
        lock (_write)
        {
            var deleted = Of(userId);
            _answers.DeleteMany(a => a.UserId == userId);
            foreach (var answer in deleted)
            {
                Changed(answer);
            }
            return deleted;
        }
    }

    /// <summary>
    /// Changes whenever what ranks in the channel changes: a daily answer stored for the first time, moved or deleted
    /// (through this store; it is the only writer). Re-submissions and practice answers leave it as it is.
    /// </summary>
    public long RankingVersion(ulong channelId) => _versions.GetValueOrDefault(channelId);

    // After the write, never before: a reader that sees the new version must also see the new data.
    private void Changed(AnswerRecord answer)
    {
        if (answer.OccurrenceId is not null)
        {
            _versions.AddOrUpdate(answer.ChannelId, 1, (_, v) => v + 1);
        }
    }

    private static List<AnswerStamp> Stamps(ILiteQueryable<AnswerRecord> query) => query
        .Select(a => new { a.UserId, a.OccurrenceId, a.FirstAnsweredAt })
        .ToEnumerable()
        .Select(a => new AnswerStamp(a.UserId, a.OccurrenceId!, new DateTimeOffset(DateTime.SpecifyKind(a.FirstAnsweredAt, DateTimeKind.Utc))))
        .ToList();
}

/// <summary>What of a daily answer ranks: who answered which occurrence, and when they first did.</summary>
public sealed record AnswerStamp(ulong UserId, string OccurrenceId, DateTimeOffset AnsweredAt);

/// <summary>An answer as submitted. <see cref="OccurrenceId"/> is set for daily questions only.</summary>
public sealed record AnswerSubmission(
    ulong GuildId,
    ulong UserId,
    ulong ChannelId,
    string QuestionId,
    string? OccurrenceId,
    string Text,
    int HintsRevealed,
    DateTimeOffset At);

/// <summary>The stored answer and whether it replaced an earlier one.</summary>
public sealed record AnswerSaved(AnswerRecord Record, bool Replaced);

/// <summary>A member's answer (LiteDB document).</summary>
public sealed class AnswerRecord
{
    /// <summary><c>{guild}:{user}:{occurrenceId}</c> for a daily question, <c>{guild}:{user}:q:{questionId}</c> otherwise.</summary>
    public string Id { get; set; } = "";
    public ulong GuildId { get; set; }
    public ulong UserId { get; set; }
    public ulong ChannelId { get; set; }
    public string QuestionId { get; set; } = "";
    public string? OccurrenceId { get; set; }
    public string Text { get; set; } = "";

    /// <summary>Hints the member had revealed before answering (shown in stats, never penalised).</summary>
    public int HintsRevealed { get; set; }

    /// <summary>The first submission (UTC): whether it beat the window is decided by this, so edits never make it late.</summary>
    public DateTime FirstAnsweredAt { get; set; }

    public DateTime UpdatedAt { get; set; }
    public int Revisions { get; set; }

    public static string Key(ulong guildId, ulong userId, string? occurrenceId, string questionId) =>
        $"{guildId}:{userId}:{occurrenceId ?? "q:" + questionId}";

    [BsonIgnore]
    public DateTimeOffset AnsweredAt => new(DateTime.SpecifyKind(FirstAnsweredAt, DateTimeKind.Utc));
}
