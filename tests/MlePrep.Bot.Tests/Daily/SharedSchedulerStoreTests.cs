using System.Globalization;
using Moq;
using MlePrep.Bot.Daily;
using Quartz;

namespace MlePrep.Bot.Tests.Daily;

/// <summary>What the scheduler does differently when its triggers live in a store several processes share.</summary>
public sealed class SharedSchedulerStoreTests
{
    private static readonly DailySchedule Schedule = new()
    {
        ChannelId = 10, GuildId = 1, Hour = 9, Minute = 0, TimeZoneId = "Europe/Berlin", SetAt = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    private readonly Mock<IScheduler> _quartz = new();
    private readonly DailyScheduler _scheduler;

    public SharedSchedulerStoreTests()
    {
        var factory = new Mock<ISchedulerFactory>();
        factory.Setup(f => f.GetScheduler(It.IsAny<CancellationToken>())).ReturnsAsync(_quartz.Object);
        _scheduler = new DailyScheduler(factory.Object, TimeProvider.System);
    }

    [Fact]
    public async Task Restoring_a_trigger_another_process_already_stored_as_wanted_leaves_it_untouched()
    {
        _quartz.Setup(q => q.GetTrigger(DailyScheduler.TriggerKeyFor(10), It.IsAny<CancellationToken>())).ReturnsAsync(_scheduler.BuildTrigger(Schedule));

        await _scheduler.UpsertAsync(Schedule, CancellationToken.None);

        _quartz.Verify(q => q.ScheduleJob(It.IsAny<ITrigger>(), It.IsAny<ScheduleJobOptions>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_changed_time_or_zone_replaces_the_stored_trigger()
    {
        _quartz.Setup(q => q.GetTrigger(DailyScheduler.TriggerKeyFor(10), It.IsAny<CancellationToken>())).ReturnsAsync(_scheduler.BuildTrigger(Schedule));

        await _scheduler.UpsertAsync(Schedule with { Hour = 10 }, CancellationToken.None);
        await _scheduler.UpsertAsync(Schedule with { TimeZoneId = "Asia/Tokyo" }, CancellationToken.None);

        _quartz.Verify(q => q.ScheduleJob(It.IsAny<ITrigger>(), ScheduleJobOptions.Replacing, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public void A_fire_recovered_from_a_dead_process_stands_for_the_occurrence_of_the_original_scheduled_time()
    {
        // Quartz's recovery trigger fires now and carries the original fire's scheduled time as invariant text.
        var original = new DateTimeOffset(2026, 11, 29, 22, 59, 0, TimeSpan.Zero);
        var data = new JobDataMap
        {
            [SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime] = Convert.ToString(original, CultureInfo.InvariantCulture)!,
        };
        var context = new Mock<IJobExecutionContext>();
        context.SetupGet(c => c.Recovering).Returns(true);
        context.SetupGet(c => c.MergedJobDataMap).Returns(data);

        Assert.Equal(original, DailyQuestionJob.RecoveredDue(context.Object));

        context.SetupGet(c => c.Recovering).Returns(false);
        Assert.Null(DailyQuestionJob.RecoveredDue(context.Object));
    }
}
