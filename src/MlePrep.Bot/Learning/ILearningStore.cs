using MlePrep.Bot.Interactions;

namespace MlePrep.Bot.Learning;

/// <summary>Members' self-grades (every one kept) and their review schedule (one card per member and question).</summary>
/// <remarks>
/// The contract every adapter keeps (checked by the shared learning-store contract tests):
/// <list type="bullet">
/// <item>Recording a grade appends it to the member's history and advances the question's card with <see cref="Sm2"/> from
/// the card as stored, due <see cref="Sm2State.IntervalDays"/> whole days after the grade, in one step: concurrent grades
/// of one question all count, one after the other.</item>
/// <item>Grades and cards belong to a member across servers; deleting a member's removes both, and nobody else's.</item>
/// <item>What a call returns is a snapshot: later writes do not change it.</item>
/// </list>
/// </remarks>
public interface ILearningStore
{
    /// <summary>Stores a grade and returns the question's card as it now stands.</summary>
    ValueTask<ReviewCard> RecordGradeAsync(GradeEntry grade);

    /// <summary>A member's grades, oldest first.</summary>
    ValueTask<IReadOnlyList<GradeEntry>> GradesOfAsync(ulong userId);

    /// <summary>A member's review cards.</summary>
    ValueTask<IReadOnlyList<ReviewCard>> CardsOfAsync(ulong userId);

    /// <summary>Deletes a member's grades and cards and says how many there were.</summary>
    ValueTask<LearningDeleted> DeleteAllOfAsync(ulong userId);
}

/// <summary>
/// One self-grade. <paramref name="Covered"/> is the bit set of the rubric points the member ticked (bit i = point i) out
/// of <paramref name="RubricPoints"/>.
/// </summary>
public sealed record GradeEntry(ulong UserId, string QuestionId, Grade Grade, int Covered, int RubricPoints, DateTimeOffset At)
{
    /// <summary>How many rubric points were ticked.</summary>
    public int CoveredCount => System.Numerics.BitOperations.PopCount((uint)Covered);
}

/// <summary>A question in a member's review schedule: its latest grade, its SM-2 state, and when it is due again.</summary>
public sealed record ReviewCard(ulong UserId, string QuestionId, Grade LastGrade, Sm2State State, int Reviews, DateTimeOffset GradedAt, DateTimeOffset DueAt)
{
    /// <summary>The card after <paramref name="grade"/>: a new card for a question never graded (<paramref name="card"/> null).</summary>
    public static ReviewCard After(ReviewCard? card, GradeEntry grade)
    {
        var state = Sm2.Next(card?.State ?? Sm2State.New, grade.Grade);
        return new ReviewCard(grade.UserId, grade.QuestionId, grade.Grade, state, (card?.Reviews ?? 0) + 1, grade.At, grade.At.AddDays(state.IntervalDays));
    }
}

/// <summary>What deleting a member's learning data removed.</summary>
public sealed record LearningDeleted(int Grades, int Cards);
