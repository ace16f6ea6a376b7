using System.Globalization;
using MlePrep.Bot.Interactions;
using Quartz;

namespace MlePrep.Bot.Daily;

/// <summary>Parsing of <c>/daily set</c> input and the calendar arithmetic of a schedule, all in the schedule's own zone.</summary>
public static class DailyRules
{
    private static readonly (string Name, PostingDays Day)[] DayNames =
    [
        ("sun", PostingDays.Sunday), ("mon", PostingDays.Monday), ("tue", PostingDays.Tuesday), ("wed", PostingDays.Wednesday),
        ("thu", PostingDays.Thursday), ("fri", PostingDays.Friday), ("sat", PostingDays.Saturday),
    ];

    private static readonly Lazy<string[]> ZoneIds = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Append("UTC").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());

    /// <summary>A stored UTC time (whatever its kind: a store may hand one back unspecified) as a UTC instant.</summary>
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>24-hour <c>HH:mm</c> (a single-digit hour is fine).</summary>
    public static bool TryParseTime(string? text, out int hour, out int minute)
    {
        var ok = TimeOnly.TryParseExact(text?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time);
        (hour, minute) = (time.Hour, time.Minute);
        return ok;
    }

    /// <summary>An IANA zone id the runtime knows (case-insensitive).</summary>
    public static TimeZoneInfo? FindZone(string? id)
    {
        var match = ZoneIds.Value.FirstOrDefault(z => string.Equals(z, id?.Trim(), StringComparison.OrdinalIgnoreCase));
        return match is not null && TimeZoneInfo.TryFindSystemTimeZoneById(match, out var zone) ? zone : null;
    }

    /// <summary>Zone ids for autocomplete: those starting with the text or whose city does, at most 25, UTC included when it fits.</summary>
    public static IReadOnlyList<string> SuggestZones(string? typed, int max = 25)
    {
        var text = (typed ?? "").Trim().Replace(' ', '_');
        return ZoneIds.Value
            .Select(id => (id, rank: Rank(id, text)))
            .Where(x => x.rank >= 0)
            .OrderBy(x => x.rank)
            .ThenBy(x => x.id, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.id)
            .ToArray();

        static int Rank(string id, string text)
        {
            if (text.Length == 0)
            {
                return id == "UTC" ? 0 : 1;
            }
            var city = id[(id.LastIndexOf('/') + 1)..];
            return id.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 0
                : city.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 1
                : id.Contains(text, StringComparison.OrdinalIgnoreCase) ? 2
                : -1;
        }
    }

    /// <summary><c>every day</c> (default), <c>weekdays</c>, <c>weekends</c>, or a list such as <c>mon,wed,fri</c>.</summary>
    public static bool TryParseDays(string? text, out PostingDays days, out string error)
    {
        error = "";
        var value = (text ?? "").Trim().ToLowerInvariant();
        days = value switch
        {
            "" or "every day" or "everyday" or "daily" or "all" => PostingDays.EveryDay,
            "weekdays" => PostingDays.Weekdays,
            "weekends" => PostingDays.Weekends,
            _ => PostingDays.None,
        };
        if (days != PostingDays.None)
        {
            return true;
        }
        foreach (var part in value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var day = DayNames.FirstOrDefault(d => part.Length >= 3 && d.Name == part[..3] && DayOfWeekName(d.Day).StartsWith(part, StringComparison.Ordinal));
            if (day.Name is null)
            {
                error = $"`{UserText.Code(part)}` is not a day. Use `every day`, `weekdays`, `weekends`, or days like `mon,wed,fri`.";
                return false;
            }
            days |= day.Day;
        }
        if (days == PostingDays.None)
        {
            error = "The day list is empty. Use `every day`, `weekdays`, `weekends`, or days like `mon,wed,fri`.";
            return false;
        }
        return true;
    }

    public static string DescribeDays(PostingDays days) => days switch
    {
        PostingDays.EveryDay => "every day",
        PostingDays.Weekdays => "weekdays",
        PostingDays.Weekends => "weekends",
        _ => string.Join(", ", DayNames.Where(d => days.HasFlag(d.Day)).Select(d => d.Name)),
    };

    /// <summary>The Quartz cron expression: second 0 of the minute, on the schedule's days.</summary>
    public static string Cron(DailySchedule schedule)
    {
        var days = schedule.Days == PostingDays.EveryDay
            ? "*"
            : string.Join(',', DayNames.Where(d => schedule.Days.HasFlag(d.Day)).Select(d => d.Name.ToUpperInvariant()));
        return $"0 {schedule.Minute} {schedule.Hour} ? * {days}";
    }

    public static TimeZoneInfo Zone(DailySchedule schedule) =>
        FindZone(schedule.TimeZoneId) ?? throw new InvalidOperationException($"Unknown time zone '{schedule.TimeZoneId}'.");

    /// <summary>Occurrences strictly after <paramref name="after"/>, in order (daylight saving handled by Quartz's cron).</summary>
    public static IEnumerable<DateTimeOffset> OccurrencesAfter(DailySchedule schedule, DateTimeOffset after)
    {
        var cron = new CronExpression(Cron(schedule), Zone(schedule));
        for (var next = cron.GetNextValidTimeAfter(after); next is { } n; next = cron.GetNextValidTimeAfter(n))
        {
            yield return n;
        }
    }

    /// <summary>The latest occurrence at or before <paramref name="now"/>, if any in the last 8 days.</summary>
    public static DateTimeOffset? LatestAtOrBefore(DailySchedule schedule, DateTimeOffset now)
    {
        DateTimeOffset? latest = null;
        foreach (var occurrence in OccurrencesAfter(schedule, now.AddDays(-8)))
        {
            if (occurrence > now)
            {
                break;
            }
            latest = occurrence;
        }
        return latest;
    }

    /// <summary>The schedule's local calendar date of an instant.</summary>
    public static DateOnly LocalDate(DailySchedule schedule, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone(schedule)).DateTime);

    /// <summary>The instant the schedule's time falls on <paramref name="date"/>, e.g. for "post today's question now".</summary>
    public static DateTimeOffset DueOn(DailySchedule schedule, DateOnly date)
    {
        var zone = Zone(schedule);
        var local = date.ToDateTime(new TimeOnly(schedule.Hour, schedule.Minute));
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1); // spring-forward gap: the wall clock skips this hour
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>
    /// Retries of the occurrence due at <paramref name="due"/> stop here: at the end of its local day, or at the next
    /// occurrence if that comes first, so a retry never posts over the next day's question.
    /// </summary>
    public static DateTimeOffset RetryCutoff(DailySchedule schedule, DateTimeOffset due)
    {
        var zone = Zone(schedule);
        var midnight = LocalDate(schedule, due).AddDays(1).ToDateTime(TimeOnly.MinValue);
        if (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddHours(1); // a zone that springs forward at midnight
        }
        var endOfDay = new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        var next = OccurrencesAfter(schedule, due).FirstOrDefault();
        return next != default && next < endOfDay ? next : endOfDay;
    }

    public static string Time(DailySchedule schedule) => $"{schedule.Hour:00}:{schedule.Minute:00}";

    private static string DayOfWeekName(PostingDays day) => day switch
    {
        PostingDays.Sunday => "sunday",
        PostingDays.Monday => "monday",
        PostingDays.Tuesday => "tuesday",
        PostingDays.Wednesday => "wednesday",
        PostingDays.Thursday => "thursday",
        PostingDays.Friday => "friday",
        _ => "saturday",
    };
}
