using MlePrep.Discord.Gateway;
using MlePrep.Discord.Hosting;

namespace MlePrep.Bot.Daily;

/// <summary>Stops schedules whose channel was deleted or whose server removed the bot, instead of failing daily.</summary>
public sealed class DailyGatewayEvents(IDailyStore store, IDailyScheduler scheduler, DailyChannelLocks locks, ILogger<DailyGatewayEvents> logger)
    : IGatewayEventHandler
{
    public async Task OnGuildRemovedAsync(ulong guildId, CancellationToken ct)
    {
        foreach (var schedule in await store.SchedulesOfAsync(guildId))
        {
            await StopAsync(schedule.ChannelId, "the bot was removed from the server", ct);
        }
    }

    public async Task OnChannelDeletedAsync(ChannelDeleteEvent channel, CancellationToken ct)
    {
        if (await store.ScheduleAsync(channel.Id) is not null)
        {
            await StopAsync(channel.Id, "the channel was deleted", ct);
        }
    }

    private async Task StopAsync(ulong channelId, string reason, CancellationToken ct)
    {
        using (await locks.AcquireAsync(channelId, ct))
        {
            await store.DeleteScheduleAsync(channelId);
            await scheduler.RemoveAsync(channelId, ct);
        }
        Log.DailyStopped(logger, channelId, reason);
    }
}
