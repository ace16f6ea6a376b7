namespace MlePrep.Discord.Emulator;

/// <summary>
/// Predicate waiters completed when a matching item is published: the emulator's one way to let a test await what the
/// emulator saw, without polling. Callers hold the emulator's state lock.
/// </summary>
internal sealed class Waiters<T>
{
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Done)> _waiting = [];

    public Task<T> WaitAsync(Func<T, bool> match, IEnumerable<T> existing, CancellationToken ct)
    {
        foreach (var item in existing)
        {
            if (match(item))
            {
                return Task.FromResult(item);
            }
        }
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Add((match, done));
        if (ct.CanBeCanceled)
        {
            ct.Register(() => done.TrySetCanceled(ct));
        }
        return done.Task;
    }

    public void Publish(T item)
    {
        for (var i = _waiting.Count - 1; i >= 0; i--)
        {
            var (match, done) = _waiting[i];
            if (done.Task.IsCompleted)
            {
                _waiting.RemoveAt(i);
                continue;
            }
            bool matched;
            try
            {
                matched = match(item);
            }
            catch (Exception ex)
            {
                // A faulty predicate fails its own waiter, not the publisher or the other waiters.
                _waiting.RemoveAt(i);
                done.TrySetException(ex);
                continue;
            }
            if (matched)
            {
                _waiting.RemoveAt(i);
                done.TrySetResult(item);
            }
        }
    }
}
