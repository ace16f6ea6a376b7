using MlePrep.Bot.Daily;
using Moq;
using Quartz;

namespace MlePrep.Bot.Tests.Daily;

public sealed class DailyRulesTests
{
    private static DailySchedule Schedule(string zone, int hour = 9, int minute = 0, PostingDays days = PostingDays.EveryDay) =>
        new() { ChannelId = 42, TimeZoneId = zone, Hour = hour, Minute = minute, Days = days };

    private static ICronTrigger Trigger(DailySchedule schedule) =>
        (ICronTrigger)new DailyScheduler(Mock.Of<ISchedulerFactory>(), TimeProvider.System).BuildTrigger(schedule);

    /// <summary>When the trigger's own cron expression, in its own zone, fires next after an instant.</summary>
    private static DateTimeOffset FireAfter(DailySchedule schedule, string utc)
    {
        var trigger = Trigger(schedule);
        return new CronExpression(trigger.CronExpressionString!, trigger.TimeZone)
            .GetNextValidTimeAfter(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture))!.Value;
    }

    [Fact]
    public void The_trigger_has_an_explicit_key_the_cron_the_zone_and_fire_and_proceed()
    {
        var trigger = Trigger(Schedule("Europe/Berlin", 9, 30, PostingDays.Weekdays));

        Assert.Equal(new TriggerKey("channel-42", "daily"), trigger.Key);
        Assert.Equal(DailyScheduler.JobKey, trigger.JobKey);
        Assert.Equal("0 30 9 ? * MON,TUE,WED,THU,FRI", trigger.CronExpressionString);
        Assert.Equal("Europe/Berlin", trigger.TimeZone.Id);
        Assert.Equal(CronTriggerMisfireInstruction.FireAndProceed, trigger.MisfireInstruction);
    }

    [Theory]
    [InlineData("2026-03-28T00:00Z", "2026-03-28T08:00Z")] // Saturday, CET (+1)
    [InlineData("2026-03-29T00:00Z", "2026-03-29T07:00Z")] // DST starts at 02:00 that Sunday: CEST (+2)
    [InlineData("2026-10-24T00:00Z", "2026-10-24T07:00Z")] // still CEST
    [InlineData("2026-10-25T00:00Z", "2026-10-25T08:00Z")] // DST ends at 03:00 that Sunday: CET again
    public void Berlin_keeps_nine_oclock_local_across_both_daylight_saving_changes(string after, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FireAfter(Schedule("Europe/Berlin"), after));
    }

    [Theory]
    [InlineData("America/New_York", "2026-03-07T00:00Z", "2026-03-07T14:00Z")] // EST
    [InlineData("America/New_York", "2026-03-09T00:00Z", "2026-03-09T13:00Z")] // EDT from 8 March
    [InlineData("America/New_York", "2026-11-02T00:00Z", "2026-11-02T14:00Z")] // EST from 1 November
    [InlineData("Asia/Kolkata", "2026-06-01T00:00Z", "2026-06-01T03:30Z")]     // +5:30, no DST
    [InlineData("Pacific/Chatham", "2026-06-14T00:00Z", "2026-06-14T20:15Z")] // +12:45 (southern winter)
    [InlineData("Pacific/Chatham", "2026-12-14T00:00Z", "2026-12-14T19:15Z")] // +13:45 (southern summer)
    public void Other_zones_fire_at_their_local_time(string zone, string after, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FireAfter(Schedule(zone), after));
    }

    [Fact]
    public void A_time_that_does_not_exist_on_the_spring_forward_day_still_fires_once_that_day()
    {
        var schedule = Schedule("Europe/Berlin", 2, 30);
        var fires = DailyRules.OccurrencesAfter(schedule, DateTimeOffset.Parse("2026-03-28T12:00Z", System.Globalization.CultureInfo.InvariantCulture)).Take(2).ToArray();

        Assert.Equal([new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 30)], fires.Select(f => DailyRules.LocalDate(schedule, f)));
    }

    [Fact]
    public void A_weekdays_schedule_skips_the_weekend()
    {
        var fires = DailyRules.OccurrencesAfter(Schedule("UTC", days: PostingDays.Weekdays), DateTimeOffset.Parse("2026-11-27T10:00Z", System.Globalization.CultureInfo.InvariantCulture)).First();
        Assert.Equal(DayOfWeek.Monday, fires.DayOfWeek); // Friday 27 Nov after 09:00 → Monday 30 Nov
    }

    [Theory]
    [InlineData(null, PostingDays.EveryDay)]
    [InlineData("every day", PostingDays.EveryDay)]
    [InlineData("Weekdays", PostingDays.Weekdays)]
    [InlineData("weekends", PostingDays.Weekends)]
    [InlineData("mon,wed,fri", PostingDays.Monday | PostingDays.Wednesday | PostingDays.Friday)]
    [InlineData("Tuesday, thursday", PostingDays.Tuesday | PostingDays.Thursday)]
    public void Days_parse(string? text, PostingDays expected)
    {
        Assert.True(DailyRules.TryParseDays(text, out var days, out _));
        Assert.Equal(expected, days);
    }

    [Theory]
    [InlineData(",,", "empty")]
    [InlineData("mon,funday", "`funday` is not a day")]
    [InlineData("mo", "`mo` is not a day")]
    public void Bad_day_lists_are_explained(string text, string expected)
    {
        Assert.False(DailyRules.TryParseDays(text, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("09:00", true, 9, 0)]
    [InlineData("9:05", true, 9, 5)]
    [InlineData("23:59", true, 23, 59)]
    [InlineData("25:99", false, 0, 0)]
    [InlineData("9am", false, 0, 0)]
    [InlineData("", false, 0, 0)]
    public void Times_are_24_hour(string text, bool ok, int hour, int minute)
    {
        Assert.Equal(ok, DailyRules.TryParseTime(text, out var h, out var m));
        if (ok)
        {
            Assert.Equal((hour, minute), (h, m));
        }
    }

    [Fact]
    public void Zone_suggestions_match_prefix_or_city_and_stop_at_25()
    {
        Assert.Contains("Europe/Berlin", DailyRules.SuggestZones("berl"));
        Assert.Equal("Europe/Berlin", DailyRules.SuggestZones("Europe/Ber")[0]);
        Assert.Contains("America/New_York", DailyRules.SuggestZones("new york"));
        Assert.Contains("UTC", DailyRules.SuggestZones(""));
        Assert.Equal(25, DailyRules.SuggestZones("").Count);
        Assert.Null(DailyRules.FindZone("Mars/Olympus_Mons"));
        Assert.Equal("Asia/Kolkata", DailyRules.FindZone("asia/kolkata")!.Id);
    }
}
