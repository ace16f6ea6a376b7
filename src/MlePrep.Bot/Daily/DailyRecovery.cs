
namespace MlePrep.Bot.Daily;

/// <summary>
/// At start: rebuilds every trigger from storage (Quartz keeps them in memory only), then makes up for downtime:
/// the latest missed occurrence is posted late; older missed ones are recorded as skipped, never posted. A schedule
/// that cannot be restored or caught up (an unknown zone, say) is paused with the reason; the others carry on.
/// </summary>
public sealed class DailyRecovery(
    IDailyStore store, IDailyScheduler scheduler, DailyPoster poster, DailyChannelLocks locks, TimeProvider time, ILogger<DailyRecovery> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Reading the system's time zones takes seconds on a busy machine: done here, at start, the first /daily set
        // autocomplete answers within Discord's 3 s.
        DailyRules.SuggestZones(null);
        var schedules = await store.AllSchedulesAsync();
        var broken = new HashSet<ulong>();
        foreach (var schedule in schedules)
        {
            try
            {
                await scheduler.UpsertAsync(schedule, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                broken.Add(schedule.ChannelId);
                await PauseAsync(schedule.ChannelId, e);
            }
        }
        Log.DailySchedulesRestored(logger, schedules.Count(s => !s.Paused), schedules.Count(s => s.Paused));
        foreach (var schedule in schedules.Where(s => !s.Paused && !broken.Contains(s.ChannelId)))
        {
            try
            {
                await CatchUpAsync(schedule, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                await PauseAsync(schedule.ChannelId, e);
            }
        }
    }

    private async Task PauseAsync(ulong channelId, Exception e)
    {
        var reason = $"paused at start: {e.Message}";
        using (await locks.AcquireAsync(channelId, CancellationToken.None))
        {
            if (await store.ScheduleAsync(channelId) is { } schedule)
            {
                await store.SaveAsync(schedule with { Paused = true, PausedReason = reason });
            }
            await scheduler.RemoveAsync(channelId, CancellationToken.None);
        }
        Log.DailyCatchUpFailed(logger, channelId, reason, e);
    }

    internal async Task CatchUpAsync(DailySchedule schedule, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var setAt = DailyRules.Utc(schedule.SetAt);
        if (DailyRules.LatestAtOrBefore(schedule, now) is not { } latest || latest < setAt)
        {
            return;
        }
        var lastKnown = (await store.LatestOccurrenceAsync(schedule.ChannelId))?.DueAt is { } due ? DailyRules.Utc(due) : setAt;
        var from = new[] { lastKnown, setAt, now.AddDays(-8) }.Max();
        foreach (var missed in DailyRules.OccurrencesAfter(schedule, from).TakeWhile(o => o < latest))
        {
            var date = DailyRules.LocalDate(schedule, missed);
            await store.TryAddAsync(new DailyOccurrence
            {
                Id = DailyOccurrence.Key(schedule.ChannelId, date),
                ChannelId = schedule.ChannelId,
                GuildId = schedule.GuildId,
                LocalDate = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                DueAt = missed.UtcDateTime,
                Status = OccurrenceStatus.Skipped,
                Reason = "the bot was offline at its time",
            });
        }
        var current = await store.OccurrenceAsync(DailyOccurrence.Key(schedule.ChannelId, DailyRules.LocalDate(schedule, latest)));
        // Missing: the bot was down at the due time. Pending: it stopped mid-post. Failed for a passing reason: the
        // outage may be over. The poster looks for a post that landed before posting again.
        if (current is null or { Status: OccurrenceStatus.Pending } or { Status: OccurrenceStatus.Failed, Transient: true })
        {
            await poster.PostAsync(schedule.ChannelId, latest, PostTrigger.Recovery, ct);
        }
    }
}
