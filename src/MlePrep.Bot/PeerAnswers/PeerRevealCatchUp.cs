using MlePrep.Bot.Daily;

namespace MlePrep.Bot.PeerAnswers;

/// <summary>
/// At start: finishes reveals and closings that a stopped process left (a share without its message, a reveal not completed
/// or not closed), each channel under its post lock, as the poster would have after the next post.
/// </summary>
public sealed class PeerRevealCatchUp(IPeerStore store, PeerReveals reveals, DailyChannelLocks locks, ILogger<PeerRevealCatchUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var channelId in (await store.UnsettledAsync(null)).Select(o => o.ChannelId).Distinct())
            {
                using (await locks.AcquirePostAsync(channelId, stoppingToken))
                {
                    await reveals.SettleAsync(channelId, stoppingToken);
                }
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            Log.RevealCatchUpFailed(logger, e);
        }
    }
}
