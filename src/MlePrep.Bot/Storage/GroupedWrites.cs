namespace MlePrep.Bot.Storage;

/// <summary>
/// Writes that arrive together share one LiteDB transaction (group commit): the first writer to find none running
/// becomes the one that writes, and runs every queued write, its own first, in one transaction; each caller's task
/// completes once the transaction holding its write has committed, so nothing is reported stored before it is.
/// </summary>
/// <remarks>
/// A LiteDB commit costs a transaction, a snapshot of each collection and a write of every page it touched to the log;
/// answers arriving together touch the same index pages, so one commit for many costs little more than one for one
/// (measured in the bench: answers stored per second). Writes run one at a time, in arrival order, so a write sees every
/// earlier one, as under a lock. A write that throws fails only its own caller: the group is rolled back and its writes
/// run again one transaction each.
/// </remarks>
internal sealed class GroupedWrites(BotDatabase db)
{
    // A group holds the engine (every store's reads) until it commits; past this many writes it is split.
    private const int MaxGroup = 64;

    // Groups a caller writes on its own thread before handing the queue to the thread pool.
    private const int MaxGroupsInline = 4;

    private readonly Lock _queueLock = new();
    private List<Pending> _queued = [];
    private bool _writing;

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction with whatever writes arrive with it; completes after the commit.
    /// The write returns what to do once it is committed (in-memory state that must not show it before), run in order.
    /// </summary>
    public Task RunAsync(Func<Action?> write)
    {
        var pending = new Pending(write);
        lock (_queueLock)
        {
            _queued.Add(pending);
            if (_writing)
            {
                return pending.Done.Task;
            }
            _writing = true;
        }
        // This caller writes its own group now, and the groups that queue up meanwhile, up to a few: a hop to the thread
        // pool per group would wait behind everything else queued there. Past those, the rest is written on the pool,
        // so a caller's own reply waits for a bounded number of other groups.
        for (var groups = 0; groups < MaxGroupsInline; groups++)
        {
            WriteGroup();
            if (StopIfIdle())
            {
                return pending.Done.Task;
            }
        }
        ThreadPool.UnsafeQueueUserWorkItem(_ => WriteUntilIdle(), null);
        return pending.Done.Task;
    }

    private void WriteUntilIdle()
    {
        do
        {
            WriteGroup();
        }
        while (!StopIfIdle());
    }

    private bool StopIfIdle()
    {
        lock (_queueLock)
        {
            _writing = _queued.Count > 0;
            return !_writing;
        }
    }

    private void WriteGroup()
    {
        List<Pending> group;
        lock (_queueLock)
        {
            if (_queued.Count <= MaxGroup)
            {
                group = _queued;
                _queued = [];
            }
            else
            {
                group = _queued[..MaxGroup];
                _queued.RemoveRange(0, MaxGroup);
            }
        }
        if (group.Count == 1 || !TryInOneTransaction(group))
        {
            foreach (var pending in group)
            {
                TryInOneTransaction([pending]);
            }
        }
    }

    /// <summary>Runs the writes in one transaction; false when one threw and the group was rolled back (a lone write's caller gets the error).</summary>
    private bool TryInOneTransaction(List<Pending> group)
    {
        var committed = new Action?[group.Count];
        try
        {
            // False inside a transaction this thread already has (a seeding tool's batch): that one commits the writes.
            var own = db.Database.BeginTrans();
            try
            {
                for (var i = 0; i < group.Count; i++)
                {
                    committed[i] = group[i].Write();
                }
                if (own)
                {
                    db.Database.Commit();
                }
            }
            catch
            {
                if (own)
                {
                    db.Database.Rollback();
                }
                throw;
            }
        }
        catch (Exception e)
        {
            if (group.Count > 1 && e is not StorageFailedException)
            {
                return false;
            }
            foreach (var pending in group)
            {
                pending.Done.TrySetException(e);
            }
            return true;
        }
        for (var i = 0; i < group.Count; i++)
        {
            committed[i]?.Invoke();
            group[i].Done.TrySetResult();
        }
        return true;
    }

    private sealed class Pending(Func<Action?> write)
    {
        public Func<Action?> Write { get; } = write;

        // Callers continue on the thread pool, not inside the group that is still being written.
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
