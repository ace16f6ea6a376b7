using System.Diagnostics;

namespace MlePrep.Bot.Operations;

/// <summary>Logs when the stop begins (with the interactions in flight) and, once every service stopped, what the drain finished and how long the stop took.</summary>
internal sealed class ShutdownReport(Instrumentation instrumentation, ILogger<ShutdownReport> logger) : IHostedLifecycleService
{
    private long _began;
    private int _finishedBefore;

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _began = Stopwatch.GetTimestamp();
        _finishedBefore = instrumentation.Finished;
        Log.ShutdownBegan(logger, instrumentation.InFlight);
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        Log.ShutdownFinished(logger, Stopwatch.GetElapsedTime(_began).TotalSeconds, instrumentation.Finished - _finishedBefore, instrumentation.InFlight);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
