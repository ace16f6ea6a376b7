namespace MlePrep.Bot.MockInterviews;

/// <summary>
/// At start, sets the time box of every session that was running when the bot stopped; then, every
/// <see cref="MockSessions.SweepEvery"/>, ends the boxes long overdue with no timer here (with several processes, the one
/// holding a session's timer may be gone for good).
/// </summary>
public sealed class MockTimeBoxes(MockSessions sessions, TimeProvider time) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await sessions.RestoreAsync();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(MockSessions.SweepEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await sessions.EndOverdueAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        sessions.Dispose();
    }
}
