namespace MlePrep.Bot.Answers;

/// <summary>
/// A member's streak in one daily channel as stored: the state right after the last occurrence they answered inside
/// its window (<see cref="LastOccurrenceId"/>, at position <see cref="LastIndex"/> among the channel's posted
/// occurrences). Every later post is a miss that the ledger counts when the state is read, so a post or a skip writes
/// nothing per member, and an answer writes one row. Members with no answer inside a window have no row.
/// </summary>
public sealed record MemberStreak(
    ulong ChannelId,
    ulong UserId,
    string LastOccurrenceId,
    int LastIndex,
    int Current,
    int Best,
    int FreezesHeld,
    int FreezesUsed,
    int Answered,
    DateTimeOffset CurrentReachedAt,
    DateTimeOffset BestReachedAt)
{
    /// <summary>
    /// Whether the row still describes <paramref name="posted"/>: its occurrence is where it was, and the answer still
    /// beat the next post (a post recorded after the answer, with an earlier time, makes it late). A ledger changed
    /// otherwise than by appending posts fails this, and the member is derived again.
    /// </summary>
    public bool Matches(IReadOnlyList<OccurrenceView> posted) =>
        LastIndex < posted.Count && posted[LastIndex].Id == LastOccurrenceId
        && (StreakCalculator.ClosedAt(posted, LastIndex) is not { } closed || CurrentReachedAt < closed);

    /// <summary>
    /// The streak once <paramref name="postedCount"/> occurrences are posted: the ones after <see cref="LastIndex"/>
    /// are missed, except the latest, whose window is still open. Misses spend freezes first, as
    /// <see cref="StreakCalculator.Compute"/> does. Without the per-occurrence outcomes.
    /// </summary>
    public StreakState At(int postedCount)
    {
        var missed = postedCount - 2 - LastIndex;
        if (missed <= 0)
        {
            return new StreakState(Current, Best, FreezesHeld, FreezesUsed, Answered, CurrentReachedAt, BestReachedAt, []);
        }
        return missed <= FreezesHeld
            ? new StreakState(Current, Best, FreezesHeld - missed, FreezesUsed + missed, Answered, CurrentReachedAt, BestReachedAt, [])
            : new StreakState(0, Best, 0, FreezesUsed + FreezesHeld, Answered, null, BestReachedAt, []);
    }

    /// <summary>
    /// <paramref name="before"/> (null: no answer inside a window yet) after answering the occurrence at
    /// <paramref name="index"/> inside its window, later in the ledger than the row's own. One step of
    /// <see cref="StreakCalculator.Compute"/>.
    /// </summary>
    public static MemberStreak After(MemberStreak? before, ulong channelId, ulong userId, string occurrenceId, int index, DateTimeOffset at)
    {
        // The state just before: the occurrences between the row's and this one are misses, this one is the open one.
        var state = before?.At(index + 1) ?? StreakState.None;
        var current = state.Current + 1;
        var freezes = state.FreezesHeld + (current % StreakCalculator.AnswersPerFreeze == 0 && state.FreezesHeld < StreakCalculator.MaxFreezes ? 1 : 0);
        var best = Math.Max(current, state.Best);
        return new MemberStreak(channelId, userId, occurrenceId, index, current, best, freezes, state.FreezesUsed, state.Answered + 1,
            at, current > state.Best ? at : state.BestReachedAt!.Value);
    }

    /// <summary>The row derived from the whole ledger and the member's answers; null when none was inside its window.</summary>
    public static MemberStreak? Derive(ulong channelId, ulong userId, IReadOnlyList<OccurrenceView> posted, IEnumerable<AnswerStamp> memberAnswers)
    {
        var inWindow = StreakCalculator.InWindow(posted, memberAnswers.Select(a => new AnswerTime(a.OccurrenceId, a.AnsweredAt)));
        var last = posted.Count - 1;
        while (last >= 0 && !inWindow.ContainsKey(posted[last].Id))
        {
            last--;
        }
        if (last < 0)
        {
            return null;
        }
        // Up to the last answered occurrence: the state the row keeps, before the misses that follow it.
        var state = StreakCalculator.Compute(posted.Take(last + 1).ToList(), inWindow);
        return new MemberStreak(channelId, userId, posted[last].Id, last, state.Current, state.Best, state.FreezesHeld, state.FreezesUsed,
            state.Answered, state.CurrentReachedAt!.Value, state.BestReachedAt!.Value);
    }
}
