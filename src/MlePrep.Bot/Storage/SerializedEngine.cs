using System.Runtime.InteropServices;
using LiteDB;
using LiteDB.Engine;

namespace MlePrep.Bot.Storage;

/// <summary>
/// The one door to LiteDB's engine: every call goes through one lock, and a failure that leaves the engine unusable is
/// recognised here, once, for the whole bot.
/// </summary>
/// <remarks>
/// LiteDB 5.0.21's page cache races when threads read while another writes on a file larger than its cache
/// (litedb-org/LiteDB#2817: "discarded page must be writable", "page type must be index page"); after that every call
/// fails until the process restarts. Serialised, the engine never runs two operations at once, which is also faster
/// than its own locking under contention. Query results are read whole inside the lock, so no lazy reader can touch
/// the cache after the lock is released. An explicit transaction keeps the lock from <c>BeginTrans</c> to
/// <c>Commit</c>/<c>Rollback</c> on its thread (LiteDB transactions are per thread): released per call, another
/// thread's write would wait for the transaction's collection lock while holding this one, and the commit would wait
/// for this one. So a caller that begins a transaction must end it (commit, or roll back when it fails), as LiteDB asks.
/// </remarks>
internal sealed class SerializedEngine(ILiteEngine inner) : ILiteEngine
{
    private readonly Lock _gate = new();
    // Only touched under _gate; a single thread can have it, since the transaction keeps _gate until it ends.
    private bool _inTransaction;
    private readonly TaskCompletionSource<StorageFailure> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the engine became unusable; every later call throws <see cref="StorageFailedException"/>.</summary>
    public Task<StorageFailure> Failed => _failed.Task;

    public bool BeginTrans()
    {
        _gate.Enter();
        try
        {
            // A nested BeginTrans (false) adds no hold: the outer transaction already keeps the lock.
            if (Run(inner.BeginTrans))
            {
                _inTransaction = true;
                return true;
            }
        }
        catch
        {
            _gate.Exit();
            throw;
        }
        _gate.Exit();
        return false;
    }

    public bool Commit() => EndTransaction(inner.Commit);

    public bool Rollback() => EndTransaction(inner.Rollback);

    public IBsonDataReader Query(string collection, Query query) => Run(() =>
    {
        using var reader = inner.Query(collection, query);
        var values = new List<BsonValue>();
        while (reader.Read())
        {
            values.Add(reader.Current);
        }
        return new ReadDocuments(reader.Collection, values);
    });

    public int Checkpoint() => Run(inner.Checkpoint);

    /// <summary>Runs <paramref name="operation"/> on the engine with every other call held off (a backup's checkpoint and copy).</summary>
    public T Exclusive<T>(Func<ILiteEngine, T> operation) => Run(() => operation(inner));

    public long Rebuild(RebuildOptions options) => Run(() => inner.Rebuild(options));

    public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Run(() => inner.Insert(collection, docs, autoId));

    public int Update(string collection, IEnumerable<BsonDocument> docs) => Run(() => inner.Update(collection, docs));

    public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) => Run(() => inner.UpdateMany(collection, transform, predicate));

    public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Run(() => inner.Upsert(collection, docs, autoId));

    public int Delete(string collection, IEnumerable<BsonValue> ids) => Run(() => inner.Delete(collection, ids));

    public int DeleteMany(string collection, BsonExpression predicate) => Run(() => inner.DeleteMany(collection, predicate));

    public bool DropCollection(string name) => Run(() => inner.DropCollection(name));

    public bool RenameCollection(string name, string newName) => Run(() => inner.RenameCollection(name, newName));

    public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) => Run(() => inner.EnsureIndex(collection, name, expression, unique));

    public bool DropIndex(string collection, string name) => Run(() => inner.DropIndex(collection, name));

    public BsonValue Pragma(string name) => Run(() => inner.Pragma(name));

    public bool Pragma(string name, BsonValue value) => Run(() => inner.Pragma(name, value));

    public void Dispose()
    {
        lock (_gate)
        {
            inner.Dispose();
        }
    }

    private bool EndTransaction(Func<bool> end)
    {
        lock (_gate)
        {
            try
            {
                return Run(end);
            }
            finally
            {
                // Ended, failed or not there: either way this thread no longer has a transaction to keep the lock for.
                if (_inTransaction)
                {
                    _inTransaction = false;
                    _gate.Exit();
                }
            }
        }
    }

    private T Run<T>(Func<T> operation)
    {
        lock (_gate)
        {
            if (_failed.Task.IsCompleted)
            {
                throw new StorageFailedException(_failed.Task.Result);
            }
            try
            {
                return operation();
            }
            catch (Exception e) when (StorageFailure.Breaks(e))
            {
                var failure = new StorageFailure(e);
                if (_failed.TrySetResult(failure))
                {
                    // LiteDB leaves the failed transaction half disposed in its closed engine. Were the engine collected,
                    // that transaction's finalizer would touch the cache on the finalizer thread and fail ("discarded page
                    // must be writable"), which ends the process with a stack trace instead of the clean stop the
                    // failure leads to. So the broken engine stays reachable until the process ends (it is one, once).
                    GCHandle.Alloc(inner);
                }
                throw new StorageFailedException(failure);
            }
        }
    }

    /// <summary>A query's documents, read while the lock was held.</summary>
    private sealed class ReadDocuments(string collection, List<BsonValue> values) : IBsonDataReader
    {
        private int _index = -1;

        public BsonValue this[string field] => Current.AsDocument[field] ?? BsonValue.Null;

        public string Collection { get; } = collection;

        public BsonValue Current => _index >= 0 && _index < values.Count ? values[_index] : BsonValue.Null;

        public bool HasValues => values.Count > 0;

        public bool Read() => ++_index < values.Count;

        public void Dispose()
        {
        }
    }
}
