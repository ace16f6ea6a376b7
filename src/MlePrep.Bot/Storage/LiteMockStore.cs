using LiteDB;
using MlePrep.Bot.Daily;
using MlePrep.Bot.MockInterviews;

namespace MlePrep.Bot.Storage;

/// <summary>
/// The LiteDB adapter of <see cref="IMockStore"/>: a document per session. A unique index on <c>RunningKey</c> (the member's
/// id while a session runs, the session's own id after) makes the database refuse a second running session of a member.
/// A new collection only, so older files need no migration step.
/// </summary>
public sealed class LiteMockStore : IMockStore
{
    private readonly ILiteCollection<MockSessionDocument> _sessions;

    // Update reads the stored state before writing: one at a time, so a session that ended or moved on is never overwritten.
    private readonly Lock _write = new();

    public LiteMockStore(BotDatabase db)
    {
        _sessions = db.Collection<MockSessionDocument>("mock_sessions");
        _sessions.EnsureIndex(s => s.RunningKey, unique: true);
        _sessions.EnsureIndex(s => s.UserId);
    }

    public ValueTask<bool> StartAsync(MockSession session)
    {
        try
        {
            _sessions.Insert(MockSessionDocument.From(session));
            return ValueTask.FromResult(true);
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return ValueTask.FromResult(false);
        }
    }

    public ValueTask<bool> UpdateAsync(MockSession session, int fromCurrent)
    {
        lock (_write)
        {
            if (_sessions.FindById(session.Id) is not { Status: MockStatus.Running } stored || stored.Current != fromCurrent)
            {
                return ValueTask.FromResult(false);
            }
            return ValueTask.FromResult(_sessions.Update(MockSessionDocument.From(session)));
        }
    }

    public ValueTask<MockSession?> RunningOfAsync(ulong userId) =>
        ValueTask.FromResult(_sessions.FindOne(s => s.RunningKey == MockSessionDocument.RunningKeyOf(userId))?.ToSession());

    public ValueTask<IReadOnlyList<MockSession>> RunningAsync() =>
        ValueTask.FromResult<IReadOnlyList<MockSession>>(_sessions.Find(s => s.Status == MockStatus.Running).Select(s => s.ToSession()).ToList());

    public ValueTask<IReadOnlyList<MockSession>> OfAsync(ulong userId) =>
        ValueTask.FromResult<IReadOnlyList<MockSession>>(
            _sessions.Find(s => s.UserId == userId).Select(s => s.ToSession()).OrderByDescending(s => s.StartedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).ToList());

    public ValueTask<int> DeleteAllOfAsync(ulong userId)
    {
        lock (_write)
        {
            return ValueTask.FromResult(_sessions.DeleteMany(s => s.UserId == userId));
        }
    }
}

/// <summary>A <see cref="MockSession"/> as stored (id = the session's id).</summary>
internal sealed class MockSessionDocument
{
    public string Id { get; set; } = "";
    public string RunningKey { get; set; } = "";
    public ulong GuildId { get; set; }
    public ulong UserId { get; set; }
    public ulong ChannelId { get; set; }
    public ulong? ThreadId { get; set; }
    public string Track { get; set; } = "";
    public int Minutes { get; set; }
    public DateTime StartedAt { get; set; }
    public MockStatus Status { get; set; }
    public int Current { get; set; }
    public DateTime DeadlineAt { get; set; }
    public List<MockItemDocument> Items { get; set; } = [];
    public DateTime? EndedAt { get; set; }

    public static string RunningKeyOf(ulong userId) => $"running:{userId}";

    public static MockSessionDocument From(MockSession s) => new()
    {
        Id = s.Id,
        RunningKey = s.Status == MockStatus.Running ? RunningKeyOf(s.UserId) : $"ended:{s.Id}",
        GuildId = s.GuildId,
        UserId = s.UserId,
        ChannelId = s.ChannelId,
        ThreadId = s.ThreadId,
        Track = s.Track,
        Minutes = s.Minutes,
        StartedAt = s.StartedAt.UtcDateTime,
        Status = s.Status,
        Current = s.Current,
        DeadlineAt = s.DeadlineAt.UtcDateTime,
        Items = s.Items.Select(i => new MockItemDocument
        {
            QuestionId = i.QuestionId, StartedAt = i.StartedAt?.UtcDateTime, EndedAt = i.EndedAt?.UtcDateTime, Outcome = i.Outcome, Hints = i.Hints,
        }).ToList(),
        EndedAt = s.EndedAt?.UtcDateTime,
    };

    public MockSession ToSession() => new(
        Id, GuildId, UserId, ChannelId, ThreadId, Track, Minutes, DailyRules.Utc(StartedAt), Status, Current, DailyRules.Utc(DeadlineAt),
        Items.Select(i => new MockItem(i.QuestionId, Utc(i.StartedAt), Utc(i.EndedAt), i.Outcome, i.Hints)).ToArray(), Utc(EndedAt));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? DailyRules.Utc(v) : null;
}

internal sealed class MockItemDocument
{
    public string QuestionId { get; set; } = "";
    public DateTime? StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public MockOutcome Outcome { get; set; }
    public int Hints { get; set; }
}
