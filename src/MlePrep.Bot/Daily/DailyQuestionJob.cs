using System.Globalization;
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
        var due = RecoveredDue(context) ?? context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        await poster.PostAsync(channelId, due, PostTrigger.Schedule, cancellationToken);
    }

    /// <summary>
    /// A fire that a dead process left unfinished, run again by another (clustered store): its own fire time is now,
    /// so the occurrence it stands for is the one due at the original trigger's scheduled time.
    /// </summary>
    internal static DateTimeOffset? RecoveredDue(IJobExecutionContext context) =>
        context.Recovering
        && context.MergedJobDataMap.TryGetString(SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime, out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var scheduled)
            ? scheduled
            : null;
}
