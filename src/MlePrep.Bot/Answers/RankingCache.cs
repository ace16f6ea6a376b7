namespace MlePrep.Bot.Answers;

/// <summary>
/// Derived values by key, each valid for one version of what it was derived from. Bounded: past
/// <paramref name="capacity"/> keys the least recently used one is dropped. Single-flight: callers that ask for a key
/// and version nobody has derived yet wait for one derivation instead of each running their own.
/// </summary>
internal sealed class RankingCache<TKey, TVersion, TValue>(int capacity) where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries = [];
    // Most recently used first.
    private readonly LinkedList<Entry> _recency = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public async Task<TValue> GetOrAddAsync(TKey key, TVersion version, Func<Task<TValue>> derive)
    {
        Entry entry;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node) && EqualityComparer<TVersion>.Default.Equals(node.Value.Version, version))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                entry = node.Value;
            }
            else
            {
                if (node is not null)
                {
                    _recency.Remove(node);
                }
                entry = new Entry(key, version, new Lazy<Task<TValue>>(derive, LazyThreadSafetyMode.ExecutionAndPublication));
                _entries[key] = _recency.AddFirst(entry);
                if (_entries.Count > capacity)
                {
                    _entries.Remove(_recency.Last!.Value.Key);
                    _recency.RemoveLast();
                }
            }
        }
        try
        {
            // Outside the lock: other keys stay served while this one is derived.
            return await entry.Value.Value;
        }
        catch
        {
            // The failed task would hand the same exception to every later caller; the next one derives afresh instead.
            lock (_lock)
            {
                if (_entries.TryGetValue(key, out var node) && ReferenceEquals(node.Value, entry))
                {
                    _recency.Remove(node);
                    _entries.Remove(key);
                }
            }
            throw;
        }
    }

    private sealed record Entry(TKey Key, TVersion Version, Lazy<Task<TValue>> Value);
}
