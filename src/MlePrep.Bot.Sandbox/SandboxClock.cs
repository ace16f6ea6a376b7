using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace MlePrep.Bot.Sandbox;

/// <summary>
/// The bot's clock in the sandbox: it follows real time, and jumps ahead on request so a daily post is due now.
/// Advancing a <see cref="FakeTimeProvider"/> fires its due timers, which is how Quartz notices the jump.
/// </summary>
public sealed class SandboxClock : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly FakeTimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _follow;

    public SandboxClock(DateTimeOffset start)
    {
        _time = new FakeTimeProvider(start);
        _time.SetLocalTimeZone(TimeZoneInfo.Local);
        _follow = FollowRealTimeAsync(_stop.Token);
    }

    /// <summary>What the bot and the emulator run on.</summary>
    public TimeProvider Time => _time;

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Moves simulated time forward; timers that fall due fire on this call.</summary>
    public void Advance(TimeSpan delta) => _time.Advance(delta);

    private async Task FollowRealTimeAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var followed = TimeSpan.Zero;
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var elapsed = watch.Elapsed;
                _time.Advance(elapsed - followed);
                followed = elapsed;
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _follow;
        _stop.Dispose();
    }
}
