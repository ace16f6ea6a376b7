using System.Collections.Concurrent;

namespace MlePrep.Bot.Daily;

/// <summary>
/// One lock per daily channel, taken by every writer of its schedule: the poster's saves, <c>/daily set</c> and
/// <c>stop</c>, and the gateway's delete events. Held only around reading, changing and saving, never across a
/// Discord call, so a stop or a change during a slow post waits milliseconds, not minutes, and is not undone.
/// </summary>
public sealed class DailyChannelLocks
{
    private readonly ConcurrentDictionary<ulong, SemaphoreSlim> _locks = new();

    public async Task<IDisposable> AcquireAsync(ulong channelId, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(channelId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Held(gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
