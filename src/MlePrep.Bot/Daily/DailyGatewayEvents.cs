using MlePrep.Bot.Scheduling;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Hosting;

namespace MlePrep.Bot.Daily;

/// <summary>Stops schedules whose channel was deleted or whose server removed the bot, instead of failing daily.</summary>
public sealed class DailyGatewayEvents(DailyStore store, IDailyScheduler scheduler, DailyChannelLocks locks, ILogger<DailyGatewayEvents> logger)
    : IGatewayEventHandler
{
    public async Task OnGuildRemovedAsync(ulong guildId, CancellationToken ct)
    {
        foreach (var schedule in store.SchedulesOf(guildId))
        {
            await StopAsync(schedule.ChannelId, "the bot was removed from the server", ct);
        }
    }

    public Task OnChannelDeletedAsync(ChannelDeleteEvent channel, CancellationToken ct) =>
        store.Schedule(channel.Id) is null ? Task.CompletedTask : StopAsync(channel.Id, "the channel was deleted", ct);

    private async Task StopAsync(ulong channelId, string reason, CancellationToken ct)
    {
        using (await locks.AcquireAsync(channelId, ct))
        {
            store.DeleteSchedule(channelId);
            await scheduler.RemoveAsync(channelId, ct);
        }
        Log.DailyStopped(logger, channelId, reason);
    }
}
