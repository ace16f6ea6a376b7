namespace MlePrep.Bot.MockInterviews;

/// <summary>
/// Mock interview sessions. The contract every adapter keeps (checked by the shared mock-store contract tests):
/// <list type="bullet">
/// <item>A member has at most one running session: the storage refuses a second one, whichever process asks.</item>
/// <item>Only a running session changes, and only from the question the change was made from: of two processes (or a click
/// and a time box) acting on one state, one wins. Once finished or stopped a session is kept as it ended.</item>
/// <item>What a call returns is a snapshot: later writes do not change it.</item>
/// </list>
/// </summary>
public interface IMockStore
{
    /// <summary>Stores a new running session; false (and nothing stored) when the member already has one running.</summary>
    ValueTask<bool> StartAsync(MockSession session);

    /// <summary>
    /// Replaces a running session with its next state, made from its question <paramref name="fromCurrent"/>; false (and
    /// nothing changed) when it ended or moved on meanwhile.
    /// </summary>
    ValueTask<bool> UpdateAsync(MockSession session, int fromCurrent);

    /// <summary>The member's running session, if any.</summary>
    ValueTask<MockSession?> RunningOfAsync(ulong userId);

    /// <summary>Every running session, to restore their time boxes at start.</summary>
    ValueTask<IReadOnlyList<MockSession>> RunningAsync();

    /// <summary>The member's sessions, newest first.</summary>
    ValueTask<IReadOnlyList<MockSession>> OfAsync(ulong userId);

    /// <summary>Deletes the member's sessions, running ones included, and returns how many there were.</summary>
    ValueTask<int> DeleteAllOfAsync(ulong userId);
}

public enum MockStatus
{
    Running,
    Finished,
    Stopped,
}

public enum MockOutcome
{
    /// <summary>Not reached yet (or never, when the session was stopped).</summary>
    Pending,
    Answered,
    TimedOut,
    Skipped,
}

/// <summary>One question of a session: when it was shown and ended, how, and how many hints were used on it.</summary>
public sealed record MockItem(string QuestionId, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, MockOutcome Outcome, int Hints)
{
    public static MockItem Pending(string questionId) => new(questionId, null, null, MockOutcome.Pending, 0);
}

/// <summary>
/// A mock interview: its questions in order, the one being asked (<see cref="Current"/>) and when its time box ends. It runs
/// in a private thread (<see cref="ThreadId"/>) or, where none could be opened, in private replies in <see cref="ChannelId"/>.
/// </summary>
public sealed record MockSession(
    string Id,
    ulong GuildId,
    ulong UserId,
    ulong ChannelId,
    ulong? ThreadId,
    string Track,
    int Minutes,
    DateTimeOffset StartedAt,
    MockStatus Status,
    int Current,
    DateTimeOffset DeadlineAt,
    IReadOnlyList<MockItem> Items,
    DateTimeOffset? EndedAt)
{
    /// <summary>Each question's share of the session's length.</summary>
    public TimeSpan Box => TimeSpan.FromMinutes(Minutes) / Items.Count;

    public MockItem CurrentItem => Items[Current];
}
