using Microsoft.Extensions.Time.Testing;

namespace MlePrep.Discord.Tests.Gateway.Scripted;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells when a timer is armed, so a test moves time only once the client
/// waits on it: "nothing before the due time, something at it" then holds without any real waiting.
/// </summary>
internal sealed class ObservedClock : TimeProvider
{
    private readonly FakeTimeProvider _time = new();
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _armed = [];
    private readonly List<(TimeSpan Due, int Count, TaskCompletionSource Done)> _waiters = [];

    public DateTimeOffset Start { get; } = new FakeTimeProvider().GetUtcNow();

    public override DateTimeOffset GetUtcNow() => _time.GetUtcNow();

    public override long GetTimestamp() => _time.GetTimestamp();

    public override long TimestampFrequency => _time.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _time.LocalTimeZone;

    public TimeSpan Elapsed => GetUtcNow() - Start;

    public void Advance(TimeSpan by) => _time.Advance(by);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _time.CreateTimer(callback, state, dueTime, period);
        List<TaskCompletionSource> done = [];
        lock (_lock)
        {
            _armed.Add(dueTime);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_armed.Count(d => d == _waiters[i].Due) >= _waiters[i].Count)
                {
                    done.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }
        done.ForEach(d => d.TrySetResult());
        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> timers due after <paramref name="due"/> have been armed.</summary>
    public Task WaitForTimerAsync(TimeSpan due, int count = 1)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_armed.Count(d => d == due) >= count)
            {
                return Task.CompletedTask;
            }
            _waiters.Add((due, count, done));
        }
        // Not a timing bound: only turns a client that never waits into a failure instead of a hung run.
        return WaitOrExplainAsync(done.Task, due);
    }

    private async Task WaitOrExplainAsync(Task armed, TimeSpan due)
    {
        try
        {
            await armed.WaitAsync(GatewayHarness.Timeout);
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                throw new TimeoutException($"No timer due after {due} was armed; armed: {string.Join(", ", _armed)}");
            }
        }
    }
}
