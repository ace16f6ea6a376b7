namespace MlePrep.Discord.Emulator.Rest;

/// <summary>Predicate waiters completed when a matching item is published. Callers hold the emulator's state lock.</summary>
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
        var entry = (match, done);
        _waiting.Add(entry);
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
            }
            else if (match(item))
            {
                _waiting.RemoveAt(i);
                done.TrySetResult(item);
            }
        }
    }
}
