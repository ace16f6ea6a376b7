namespace MlePrep.Bot.Answers;

/// <summary>A posted daily occurrence as streaks see it (only posted ones exist for streaks).</summary>
public sealed record OccurrenceView(string Id, DateTimeOffset PostedAt);

/// <summary>One answer of a member to a daily occurrence, at the time it was first submitted.</summary>
public sealed record AnswerTime(string OccurrenceId, DateTimeOffset At);

/// <summary>What one posted occurrence did to a member's streak.</summary>
public enum OccurrenceOutcome
{
    /// <summary>Answered inside its window: +1.</summary>
    Answered,
    /// <summary>Missed, bridged by a freeze: the streak lives on, adds nothing.</summary>
    Frozen,
    /// <summary>Missed with no freeze held: the streak went back to 0.</summary>
    Missed,
    /// <summary>The latest occurrence, not answered yet; its window is still open, so it breaks nothing.</summary>
    Open,
}

/// <summary>One occurrence in a member's history, for explaining the numbers.</summary>
public sealed record OccurrenceResult(
    string OccurrenceId,
    DateTimeOffset PostedAt,
    DateTimeOffset? ClosedAt,
    OccurrenceOutcome Outcome,
    int StreakAfter,
    bool FreezeEarned);

/// <summary>A member's streak in one daily channel, derived from the ledger and their answers.</summary>
public sealed record StreakState(
    int Current,
    int Best,
    int FreezesHeld,
    int FreezesUsed,
    int Answered,
    DateTimeOffset? CurrentReachedAt,
    DateTimeOffset? BestReachedAt,
    IReadOnlyList<OccurrenceResult> Outcomes)
{
    public static StreakState None { get; } = new(0, 0, 0, 0, 0, null, null, []);

    public OccurrenceResult? OutcomeOf(string occurrenceId) => Outcomes.FirstOrDefault(o => o.OccurrenceId == occurrenceId);
}

/// <summary>
/// The streak rules, as pure functions. Windows are anchored to the posts: an occurrence's window runs from its post to
/// the channel's next post, so nobody's midnight matters, and days the schedule does not post (or the bot was down)
/// simply are not in the list and cannot break anything.
/// </summary>
public static class StreakCalculator
{
    public const int AnswersPerFreeze = 7;
    public const int MaxFreezes = 2;

    /// <summary>
    /// The occurrences answered inside their window, with the first answer's time. Re-submissions collapse to the
    /// first submission, so editing an answer later neither counts twice nor turns an on-time answer into a late one.
    /// </summary>
    public static IReadOnlyDictionary<string, DateTimeOffset> InWindow(IReadOnlyList<OccurrenceView> postedInOrder, IEnumerable<AnswerTime> answers)
    {
        var first = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            if (!first.TryGetValue(answer.OccurrenceId, out var at) || answer.At < at)
            {
                first[answer.OccurrenceId] = answer.At;
            }
        }

        var inWindow = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var i = 0; i < postedInOrder.Count; i++)
        {
            // No lower bound: the Answer button only exists once the post does.
            if (first.TryGetValue(postedInOrder[i].Id, out var at) && (ClosedAt(postedInOrder, i) is not { } closed || at < closed))
            {
                inWindow[postedInOrder[i].Id] = at;
            }
        }
        return inWindow;
    }

    /// <summary>When occurrence <paramref name="index"/>'s window closed (the next post), or null while it is the latest.</summary>
    public static DateTimeOffset? ClosedAt(IReadOnlyList<OccurrenceView> postedInOrder, int index) =>
        index + 1 < postedInOrder.Count ? postedInOrder[index + 1].PostedAt : null;

    /// <summary>
    /// Walks the posted occurrences oldest first. <paramref name="answeredInWindow"/> maps occurrence id to when it was
    /// answered (see <see cref="InWindow"/>); the times only break leaderboard ties.
    /// </summary>
    public static StreakState Compute(IReadOnlyList<OccurrenceView> postedInOrder, IReadOnlyDictionary<string, DateTimeOffset> answeredInWindow)
    {
        int current = 0, best = 0, freezes = 0, used = 0, answered = 0;
        DateTimeOffset? currentAt = null, bestAt = null;
        var outcomes = new List<OccurrenceResult>(postedInOrder.Count);
        for (var i = 0; i < postedInOrder.Count; i++)
        {
            var occurrence = postedInOrder[i];
            var closed = ClosedAt(postedInOrder, i);
            var earned = false;
            OccurrenceOutcome outcome;
            if (answeredInWindow.TryGetValue(occurrence.Id, out var at))
            {
                outcome = OccurrenceOutcome.Answered;
                current++;
                answered++;
                currentAt = at;
                // Frozen occurrences add nothing, so `current` is exactly the answered count of this run.
                earned = current % AnswersPerFreeze == 0 && freezes < MaxFreezes;
                freezes += earned ? 1 : 0;
                if (current > best)
                {
                    best = current;
                    bestAt = at;
                }
            }
            else if (closed is null)
            {
                outcome = OccurrenceOutcome.Open;
            }
            else if (freezes > 0)
            {
                outcome = OccurrenceOutcome.Frozen;
                freezes--;
                used++;
            }
            else
            {
                outcome = OccurrenceOutcome.Missed;
                current = 0;
                currentAt = null;
            }
            outcomes.Add(new OccurrenceResult(occurrence.Id, occurrence.PostedAt, closed, outcome, current, earned));
        }
        return new StreakState(current, best, freezes, used, answered, currentAt, bestAt, outcomes);
    }
}
