using MlePrep.Bot.Interactions;

namespace MlePrep.Bot;

/// <summary>Learning log lines (self-grades, reviews, stats): event ids 3300–3399.</summary>
internal static partial class Log
{
    [LoggerMessage(3300, LogLevel.Information, "Member {UserId} graded {QuestionId} {Grade}; next review in {IntervalDays} days")]
    public static partial void GradeRecorded(ILogger logger, ulong userId, string questionId, Grade grade, int intervalDays);

    [LoggerMessage(3301, LogLevel.Information, "Member {UserId} deleted their learning data: {Grades} grades, {Cards} review cards")]
    public static partial void LearningDataDeleted(ILogger logger, ulong userId, int grades, int cards);

    [LoggerMessage(3302, LogLevel.Debug, "Rendered the stats picture of member {UserId}: {Bytes} bytes in {ElapsedMs:F1} ms")]
    public static partial void StatsRendered(ILogger logger, ulong userId, int bytes, double elapsedMs);
}
