using MlePrep.Bot.Daily;

namespace MlePrep.Bot.Answers;

/// <summary>Calendar questions streaks ask in a schedule's zone.</summary>
public static class ScheduleTimes
{
    /// <summary>The first posting time strictly after <paramref name="after"/>, or null when the schedule posts on no day.</summary>
    public static DateTimeOffset? NextDueAfter(DailySchedule schedule, DateTimeOffset after) =>
        DailyRules.OccurrencesAfter(schedule, after).Select(t => (DateTimeOffset?)t).FirstOrDefault();

    /// <summary>Whether two instants fall in the same calendar month in <paramref name="zone"/>.</summary>
    public static bool SameMonth(DateTimeOffset a, DateTimeOffset b, TimeZoneInfo zone)
    {
        var x = TimeZoneInfo.ConvertTime(a, zone);
        var y = TimeZoneInfo.ConvertTime(b, zone);
        return x.Year == y.Year && x.Month == y.Month;
    }
}
