namespace MlePrep.Discord.Hosting;

/// <summary>The last <c>capacity</c> ids seen, oldest forgotten first. Not thread-safe: one reader uses it.</summary>
internal sealed class RecentIdSet(int capacity)
{
    private readonly HashSet<ulong> _ids = new(capacity);
    private readonly Queue<ulong> _order = new(capacity);

    /// <summary>Adds the id; false when it is already among the recent ones.</summary>
    public bool TryAdd(ulong id)
    {
        if (!_ids.Add(id))
        {
            return false;
        }
        _order.Enqueue(id);
        if (_order.Count > capacity)
        {
            _ids.Remove(_order.Dequeue());
        }
        return true;
    }
}
