using Quartz;

namespace MlePrep.Bot.Scheduling;

/// <summary>Keeps one Quartz cron trigger per daily channel, built from its LiteDB schedule.</summary>
public interface IDailyScheduler
{
    Task UpsertAsync(DailySchedule schedule, CancellationToken ct);

    Task RemoveAsync(ulong channelId, CancellationToken ct);
}

public sealed class DailyScheduler(ISchedulerFactory factory, TimeProvider time) : IDailyScheduler
{
    public static readonly JobKey JobKey = new("daily-question", "daily");

    internal const string ChannelIdKey = "channelId";

    public static TriggerKey TriggerKeyFor(ulong channelId) => new($"channel-{channelId}", "daily");

    /// <summary>
    /// The one place cron, zone and misfire rule are set. Quartz applies daylight saving; FireAndProceed posts once
    /// when the scheduler was too busy at the due second (the ledger keeps it to one post).
    /// </summary>
    public ITrigger BuildTrigger(DailySchedule schedule) => TriggerBuilder.Create(time)
        .WithIdentity(TriggerKeyFor(schedule.ChannelId))
        .ForJob(JobKey)
        .UsingJobData(ChannelIdKey, schedule.Id)
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
        await scheduler.ScheduleJob(BuildTrigger(schedule), ScheduleJobOptions.Replacing, ct);
    }

    public async Task RemoveAsync(ulong channelId, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.UnscheduleJob(TriggerKeyFor(channelId), ct);
    }
}
