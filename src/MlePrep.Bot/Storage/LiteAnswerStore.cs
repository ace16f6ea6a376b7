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

    private readonly ILiteCollection<AnswerDocument> _answers;

    // LiteDB makes each operation atomic, not a read followed by a write; this keeps Save's read-modify-write whole.
    private readonly Lock _write = new();

    // Bumped after every write that changes what ranks in a channel. In memory: this adapter is the file's only writer
    // (one process per file).
    private readonly ConcurrentDictionary<ulong, long> _versions = new();

    public LiteAnswerStore(BotDatabase db)
    {
        _answers = db.Collection<AnswerDocument>(CollectionName);
        _answers.EnsureIndex(a => a.OccurrenceId);
        _answers.EnsureIndex(a => a.UserId);
        _answers.EnsureIndex(a => a.ChannelId);
    }

    public ValueTask<AnswerSaved> SaveAsync(AnswerSubmission submission)
    {
        var id = Answer.Key(submission.GuildId, submission.UserId, submission.OccurrenceId, submission.QuestionId);
        lock (_write)
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
            // Boards rank daily answers by member, occurrence and first answer time. A re-submission keeps all three
            // (its text and hints do not rank), so it leaves the boards valid; a member's re-submissions cost no rebuild.
            if (existing?.ChannelId != document.ChannelId)
            {
                Changed(document);
                if (existing is not null)
                {
                    Changed(existing);
                }
            }
            return ValueTask.FromResult(new AnswerSaved(document.ToAnswer(), Replaced: existing is not null));
        }
    }

    public ValueTask<int> CountForAsync(string occurrenceId) => ValueTask.FromResult(_answers.Count(a => a.OccurrenceId == occurrenceId));

    // As what ranks: no text (LiteDB then does not decode it).
    public ValueTask<IReadOnlyList<AnswerStamp>> DailyInAsync(ulong channelId) =>
        Stamps(_answers.Query().Where(a => a.ChannelId == channelId && a.OccurrenceId != null));

    public ValueTask<IReadOnlyList<AnswerStamp>> DailyInAsync(ulong channelId, ulong userId) =>
        Stamps(_answers.Query().Where(a => a.UserId == userId && a.ChannelId == channelId && a.OccurrenceId != null));

    public ValueTask<IReadOnlyList<Answer>> OfAsync(ulong userId) => ValueTask.FromResult(Of(userId));

    public ValueTask<IReadOnlyList<Answer>> DeleteAllOfAsync(ulong userId)
    {
        lock (_write)
        {
            var deleted = _answers.Find(a => a.UserId == userId).ToList();
            _answers.DeleteMany(a => a.UserId == userId);
            foreach (var answer in deleted)
            {
                Changed(answer);
            }
            return ValueTask.FromResult<IReadOnlyList<Answer>>(deleted.Select(a => a.ToAnswer()).ToList());
        }
    }

    public ValueTask<long> RankingVersionAsync(ulong channelId) => ValueTask.FromResult(_versions.GetValueOrDefault(channelId));

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
