namespace MlePrep.Bot.Answers;

/// <summary>
/// Members' answers, and each member's streak state per daily channel (<see cref="MemberStreak"/>), kept up to date on
/// each answer so boards read it instead of deriving every member's streak. The state is derived data: deleting a
/// member's answers deletes it, and <c>streaks repair</c> derives it again from the answers and the ledger.
/// </summary>
/// <remarks>
/// The contract every adapter keeps (checked by the shared answer-store contract tests):
/// <list type="bullet">
/// <item>One answer per member per daily occurrence in a server (per member per question outside dailies): saving again
/// replaces the text, keeps the first answer time, never lowers the hints and counts one more revision, whoever saves
/// concurrently. It never counts twice.</item>
/// <item><see cref="RankingVersionAsync"/> changes after, never before, every write that changes what ranks in a channel:
/// a daily answer stored for the first time, moved to another channel, or deleted. Re-submissions and practice answers
/// leave it as it is, so a reader that sees the new version also sees the new data.</item>
/// <item>Saving or removing streak states changes <see cref="RankingVersionAsync"/> of their channel after the write,
/// and deleting a member's answers deletes their streak states.</item>
/// <item>What a call returns is a snapshot: later writes do not change it.</item>
/// </list>
/// </remarks>
public interface IAnswerStore
{
    /// <summary>Stores an answer, replacing the member's earlier one for the same occurrence (or question).</summary>
    ValueTask<AnswerSaved> SaveAsync(AnswerSubmission submission);

    /// <summary>How many members answered an occurrence (late answers included: they did answer the post).</summary>
    ValueTask<int> CountForAsync(string occurrenceId);

    /// <summary>Every daily answer given in a channel, as what ranks.</summary>
    ValueTask<IReadOnlyList<AnswerStamp>> DailyInAsync(ulong channelId);

    /// <summary>One member's daily answers in a channel, as what ranks.</summary>
    ValueTask<IReadOnlyList<AnswerStamp>> DailyInAsync(ulong channelId, ulong userId);

    /// <summary>A member's answers in every server.</summary>
    ValueTask<IReadOnlyList<Answer>> OfAsync(ulong userId);

    /// <summary>Deletes a member's answers in every server and returns what was deleted.</summary>
    ValueTask<IReadOnlyList<Answer>> DeleteAllOfAsync(ulong userId);

    /// <summary>Changes whenever what ranks in the channel changes (see the contract above).</summary>
    ValueTask<long> RankingVersionAsync(ulong channelId);

    /// <summary>A member's stored streak state in a channel; null when they have none.</summary>
    ValueTask<MemberStreak?> StreakAsync(ulong channelId, ulong userId);

    /// <summary>Every stored streak state of a channel.</summary>
    ValueTask<IReadOnlyList<MemberStreak>> StreaksInAsync(ulong channelId);

    /// <summary>Stores <paramref name="save"/> (replacing each member's state) and removes the states of <paramref name="remove"/>, in one channel.</summary>
    ValueTask ReplaceStreaksAsync(ulong channelId, IReadOnlyList<MemberStreak> save, IReadOnlyList<ulong> remove);
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
public sealed record AnswerSaved(Answer Answer, bool Replaced);

/// <summary>
/// A member's answer. <see cref="Id"/> is <c>{guild}:{user}:{occurrenceId}</c> for a daily question and
/// <c>{guild}:{user}:q:{questionId}</c> otherwise. <see cref="HintsRevealed"/> are the hints revealed before answering
/// (shown in stats, never penalised). <see cref="AnsweredAt"/> is the first submission: whether it beat the window is
/// decided by it, so edits never make it late.
/// </summary>
public sealed record Answer(
    string Id,
    ulong GuildId,
    ulong UserId,
    ulong ChannelId,
    string QuestionId,
    string? OccurrenceId,
    string Text,
    int HintsRevealed,
    DateTimeOffset AnsweredAt,
    DateTimeOffset UpdatedAt,
    int Revisions)
{
    public static string Key(ulong guildId, ulong userId, string? occurrenceId, string questionId) =>
        $"{guildId}:{userId}:{occurrenceId ?? "q:" + questionId}";
}
