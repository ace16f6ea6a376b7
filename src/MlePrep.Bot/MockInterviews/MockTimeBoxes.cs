namespace MlePrep.Bot.MockInterviews;

/// <summary>At start, sets the time box of every session that was running when the bot stopped.</summary>
public sealed class MockTimeBoxes(MockSessions sessions) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => sessions.RestoreAsync();

    public Task StopAsync(CancellationToken cancellationToken)
    {
        sessions.Dispose();
        return Task.CompletedTask;
    }
}
