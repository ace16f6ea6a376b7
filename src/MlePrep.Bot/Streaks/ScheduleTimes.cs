using MlePrep.Bot.Scheduling;

namespace MlePrep.Bot.Streaks;

/// <summary>Calendar arithmetic in a schedule's zone: when the next question is due, and which month "now" is.</summary>
public static class ScheduleTimes
{
    /// <summary>The schedule's zone; an unknown id falls back to UTC rather than failing a member's command.</summary>
    public static TimeZoneInfo Zone(DailySchedule schedule) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(schedule.TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The first posting time strictly after <paramref name="after"/>, or null when the schedule posts on no day.</summary>
    public static DateTimeOffset? NextDueAfter(DailySchedule schedule, DateTimeOffset after)
    {
        var zone = Zone(schedule);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        // Eight days reach the same weekday again even when today's time has passed.
        for (var i = 0; i <= 7; i++, day = day.AddDays(1))
        {
            if ((schedule.Days & (PostingDays)(1 << (int)day.DayOfWeek)) == 0)
            {
                continue;
            }
            var local = day.ToDateTime(new TimeOnly(schedule.Hour, schedule.Minute));
            // A time skipped by a DST jump happens an hour later that day.
            if (zone.IsInvalidTime(local))
            {
                local = local.AddHours(1);
            }
            var due = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone));
            if (due > after)
            {
                return due;
            }
        }
        return null;
    }

    /// <summary>Whether two instants fall in the same calendar month in <paramref name="zone"/>.</summary>
    public static bool SameMonth(DateTimeOffset a, DateTimeOffset b, TimeZoneInfo zone)
    {
        var x = TimeZoneInfo.ConvertTime(a, zone);
        var y = TimeZoneInfo.ConvertTime(b, zone);
        return x.Year == y.Year && x.Month == y.Month;
    }
}
