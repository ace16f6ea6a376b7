using Quartz;

namespace MlePrep.Bot.Daily;

/// <summary>Keeps one Quartz cron trigger per daily channel, built from its stored schedule.</summary>
public interface IDailyScheduler
{
    Task UpsertAsync(DailySchedule schedule, CancellationToken ct);

    /// <summary>Removes the channel's cron trigger and any queued retry.</summary>
    Task RemoveAsync(ulong channelId, CancellationToken ct);

    /// <summary>Queues one more attempt at the occurrence due at <paramref name="due"/>, firing at <paramref name="at"/>.</summary>
    Task RetryAsync(ulong channelId, DateTimeOffset due, DateTimeOffset at, CancellationToken ct);
}

public sealed class DailyScheduler(ISchedulerFactory factory, TimeProvider time) : IDailyScheduler
{
    public static readonly JobKey JobKey = new("daily-question", "daily");

    internal const string ChannelIdKey = "channelId";

    /// <summary>On a retry trigger: the due time (Unix ms) of the occurrence it retries.</summary>
    internal const string RetryOfKey = "retryOf";

    public static TriggerKey TriggerKeyFor(ulong channelId) => new($"channel-{channelId}", "daily");

    public static TriggerKey RetryKeyFor(ulong channelId) => new($"retry-{channelId}", "daily");

    /// <summary>
    /// The one place cron, zone and misfire rule are set. Quartz applies daylight saving; FireAndProceed posts once
    /// when the scheduler was too busy at the due second (the ledger keeps it to one post).
    /// </summary>
    public ITrigger BuildTrigger(DailySchedule schedule) => TriggerBuilder.Create(time)
        .WithIdentity(TriggerKeyFor(schedule.ChannelId))
        .ForJob(JobKey)
        .UsingJobData(ChannelIdKey, (long)schedule.ChannelId)
        .WithCronSchedule(DailyRules.Cron(schedule), cron => cron
            .InTimeZone(DailyRules.Zone(schedule))
            .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
        .Build();

    public async Task UpsertAsync(DailySchedule schedule, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        if (schedule.Paused)
        {
            await scheduler.UnscheduleJob(TriggerKeyFor(schedule.ChannelId), ct);
            return;
        }
        var trigger = BuildTrigger(schedule);
        // With a store that several processes share, every process restores every trigger at start: one that is already
        // there as wanted stays untouched, since replacing it would drop a fire another process is running at that moment.
        if (await scheduler.GetTrigger(trigger.Key, ct) is ICronTrigger { } existing && SameSchedule(existing, (ICronTrigger)trigger))
        {
            return;
        }
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, ct);
    }

    private static bool SameSchedule(ICronTrigger a, ICronTrigger b) =>
        a.CronExpressionString == b.CronExpressionString && a.TimeZone.Id == b.TimeZone.Id && a.JobKey.Equals(b.JobKey)
        && a.MisfireInstruction == b.MisfireInstruction;

    public async Task RemoveAsync(ulong channelId, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.UnscheduleJobs([TriggerKeyFor(channelId), RetryKeyFor(channelId)], ct);
    }

    // One retry trigger per channel: a newer retry replaces an older one (only the latest occurrence is retried).
    // FireNow: a retry the scheduler was too busy for still runs, as soon as it can.
    public async Task RetryAsync(ulong channelId, DateTimeOffset due, DateTimeOffset at, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(RetryKeyFor(channelId))
            .ForJob(JobKey)
            .UsingJobData(ChannelIdKey, (long)channelId)
            .UsingJobData(RetryOfKey, due.ToUnixTimeMilliseconds())
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, ct);
    }
}
