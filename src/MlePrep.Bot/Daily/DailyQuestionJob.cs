using Quartz;

namespace MlePrep.Bot.Daily;

/// <summary>
/// Fired by a channel's trigger; Quartz resolves it in its own DI scope per fire. Shared by every channel, so it
/// must not disallow concurrent execution (that would queue all channels behind one another).
/// </summary>
public sealed class DailyQuestionJob(DailyPoster poster) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var channelId = (ulong)context.MergedJobDataMap.GetLong(DailyScheduler.ChannelIdKey);
        var data = context.MergedJobDataMap;
        if (data.ContainsKey(DailyScheduler.RetryOfKey))
        {
            var retried = DateTimeOffset.FromUnixTimeMilliseconds(data.GetLong(DailyScheduler.RetryOfKey));
            await poster.PostAsync(channelId, retried, PostTrigger.Retry, cancellationToken);
            return;
        }
        var due = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        await poster.PostAsync(channelId, due, PostTrigger.Schedule, cancellationToken);
    }
}
