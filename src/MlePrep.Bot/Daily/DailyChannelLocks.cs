using System.Collections.Concurrent;

namespace MlePrep.Bot.Daily;

/// <summary>
/// Two locks per daily channel. The schedule lock is taken by every writer of its schedule: the poster's saves,
/// <c>/daily set</c> and <c>stop</c>, and the gateway's delete events. It is held only around reading, changing and
/// saving, never across a Discord call, so a stop or a change during a slow post waits milliseconds, not minutes, and is
/// not undone. The post lock keeps a channel to one post at a time and is held across Discord. With storage that several
/// processes share, each is also taken in the storage (<see cref="ISharedChannelLocks"/>), so they hold across processes.
/// </summary>
public sealed class DailyChannelLocks(ISharedChannelLocks? shared = null)
{
    private readonly ConcurrentDictionary<ulong, SemaphoreSlim> _schedule = new();
    private readonly ConcurrentDictionary<ulong, SemaphoreSlim> _post = new();

    /// <summary>The lock on the channel's schedule and ledger entries.</summary>
    public Task<IDisposable> AcquireAsync(ulong channelId, CancellationToken ct) =>
        AcquireAsync(_schedule, channelId, SharedLock.Schedule, ct);

    /// <summary>The lock on posting to the channel.</summary>
    public Task<IDisposable> AcquirePostAsync(ulong channelId, CancellationToken ct) =>
        AcquireAsync(_post, channelId, SharedLock.Post, ct);

    private async Task<IDisposable> AcquireAsync(
        ConcurrentDictionary<ulong, SemaphoreSlim> gates, ulong channelId, SharedLock kind, CancellationToken ct)
    {
        // In-process first: a process's own contenders queue here, each holding no storage connection while it waits.
        var gate = gates.GetOrAdd(channelId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return new Held(gate, shared is null ? null : await shared.AcquireAsync(channelId, kind, ct));
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    private sealed class Held(SemaphoreSlim gate, IDisposable? shared) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                try
                {
                    shared?.Dispose();
                }
                finally
                {
                    gate.Release();
                }
            }
        }
    }
}

/// <summary>Which of a channel's two locks.</summary>
public enum SharedLock
{
    Schedule,
    Post,
}

/// <summary>
/// A channel's locks as held in storage that several bot processes share (the storage registers it when it is such).
/// Released by disposing; released as well when the process dies, so a crashed holder never blocks the others.
/// </summary>
public interface ISharedChannelLocks
{
    Task<IDisposable> AcquireAsync(ulong channelId, SharedLock kind, CancellationToken ct);
}
