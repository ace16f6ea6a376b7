using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Net.Http.Headers;

namespace MlePrep.Discord.Rest;

/// <summary>What a 429 asks for, and of whom.</summary>
internal enum RateLimitScope
{
    /// <summary>The route's bucket (X-RateLimit-Scope: user), or no scope header.</summary>
    User,
    /// <summary>The bot's global limit.</summary>
    Global,
    /// <summary>A resource shared with others: not our fault, just wait.</summary>
    Shared,
}

/// <summary>
/// Discord's rate limits on the client side (PROTOCOL.md §4.3, §6.6–6.7): buckets learned from X-RateLimit-Bucket per
/// route template and keyed live by bucket hash + major parameter, requests of one bucket sent one at a time (so an
/// unknown bucket has one request in flight until its headers are known), a sliding one-second window for the global
/// budget, and pauses after 429s. Interaction callbacks skip all queues.
/// </summary>
internal sealed class RestRateLimiter(RestPolicy policy, [FromKeyedServices(DiscordClock.Key)] TimeProvider time)
{
    private static readonly TimeSpan GlobalWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan InFlightRecheck = TimeSpan.FromMilliseconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _hashes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    // A slot counts from the moment it is taken until one second after its response: Discord counts a request when
    // it arrives, which can be later than when it left, so counting from the response keeps slow sends inside the limit.
    private readonly List<GlobalSlot> _globalSlots = [];
    private DateTimeOffset _globalPausedUntil;

    public RestPolicy Policy { get; } = policy;

    public TimeProvider Time { get; } = time;

    /// <summary>Waits until <paramref name="route"/> may be sent; dispose the lease once the response headers are applied.</summary>
    public async Task<Lease> AcquireAsync(RestRoute route, Action<double>? onBucketWait, CancellationToken ct)
    {
        if (route.IsInteractionCallback)
        {
            // A callback is due within 3 s of the interaction: it must not queue behind anything.
            return new Lease(this, null, null);
        }
        while (true)
        {
            Bucket bucket;
            string key;
            lock (_gate)
            {
                key = KeyOf(route);
                bucket = BucketFor(key);
            }
            await bucket.Gate.WaitAsync(ct);
            try
            {
                lock (_gate)
                {
                    if (KeyOf(route) != key)
                    {
                        // The route's bucket hash was learned while we queued: queue on the real bucket instead.
                        bucket.Gate.Release();
                        continue;
                    }
                }
                var wait = bucket.WaitTime(Time.GetUtcNow(), Policy.ResetOffset);
                if (wait > TimeSpan.Zero)
                {
                    onBucketWait?.Invoke(wait.TotalMilliseconds);
                    await Task.Delay(wait, Time, ct);
                }
                var slot = route.BypassesGlobalLimit ? null : await WaitForGlobalAsync(ct);
                return new Lease(this, bucket, slot);
            }
            catch
            {
                bucket.Gate.Release();
                throw;
            }
        }
    }

    /// <summary>Takes a slot of the global budget, waiting for a global pause or a full window; release it after the response.</summary>
    internal async Task<GlobalSlot> WaitForGlobalAsync(CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = Time.GetUtcNow();
                if (_globalPausedUntil > now)
                {
                    wait = _globalPausedUntil - now;
                }
                else
                {
                    _globalSlots.RemoveAll(s => s.FreeAt <= now);
                    if (_globalSlots.Count < Policy.GlobalRequestsPerSecond)
                    {
                        var slot = new GlobalSlot();
                        _globalSlots.Add(slot);
                        return slot;
                    }
                    var next = _globalSlots.Min(s => s.FreeAt);
                    // Every slot is still waiting for its response: look again shortly.
                    wait = next == DateTimeOffset.MaxValue ? InFlightRecheck : next - now;
                }
            }
            await Task.Delay(wait, Time, ct);
        }
    }

    /// <summary>The response to a slot's request arrived: the slot frees one second (+ offset) from now.</summary>
    internal void Release(GlobalSlot slot)
    {
        lock (_gate)
        {
            slot.FreeAt = Time.GetUtcNow() + GlobalWindow + Policy.ResetOffset;
        }
    }

    /// <summary>Learns the bucket hash and state from a response's X-RateLimit-* headers.</summary>
    public void Update(RestRoute route, Lease lease, HttpResponseHeaders headers)
    {
        var hash = Header(headers, "X-RateLimit-Bucket");
        var limit = Number(headers, "X-RateLimit-Limit");
        var remaining = Number(headers, "X-RateLimit-Remaining");
        var resetAfter = Number(headers, "X-RateLimit-Reset-After");
        lock (_gate)
        {
            if (hash is not null)
            {
                _hashes[route.Name] = hash;
            }
            if (remaining is null || resetAfter is null)
            {
                return;
            }
            var resetAt = Time.GetUtcNow() + TimeSpan.FromSeconds(resetAfter.Value);
            lease.Bucket?.Set((int?)limit, (int)remaining.Value, resetAt);
            if (hash is not null && !route.IsInteractionCallback)
            {
                BucketFor(KeyOf(route)).Set((int?)limit, (int)remaining.Value, resetAt);
            }
        }
    }

    /// <summary>Applies a 429: a global pause, or a closed bucket until the retry time.</summary>
    public void RateLimited(RestRoute route, Lease lease, RateLimitScope scope, bool sublimit, TimeSpan retryAfter)
    {
        var until = Time.GetUtcNow() + retryAfter;
        lock (_gate)
        {
            if (scope == RateLimitScope.Global)
            {
                if (until > _globalPausedUntil)
                {
                    _globalPausedUntil = until;
                }
            }
            else if (scope == RateLimitScope.User && !sublimit && !route.IsInteractionCallback)
            {
                lease.Bucket?.Set(null, 0, until);
                BucketFor(KeyOf(route)).Set(null, 0, until);
            }
        }
    }

    /// <summary>The delay a caller must wait itself after a 429 (global and route pauses are applied on acquire).</summary>
    public static TimeSpan OwnDelay(RestRoute route, RateLimitScope scope, bool sublimit, TimeSpan retryAfter) =>
        scope == RateLimitScope.Shared || sublimit || route.IsInteractionCallback || (scope == RateLimitScope.Global && route.BypassesGlobalLimit)
            ? retryAfter
            : TimeSpan.Zero;

    // Bucket hash + major parameter once the hash is known; the route template + major parameter before that.
    private string KeyOf(RestRoute route) =>
        _hashes.TryGetValue(route.Name, out var hash) ? $"{hash}|{route.MajorParameter}" : $"{route.Name}|{route.MajorParameter}";

    private Bucket BucketFor(string key)
    {
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            if (_buckets.Count >= 1024)
            {
                Prune();
            }
            bucket = new Bucket();
            _buckets[key] = bucket;
        }
        return bucket;
    }

    // Webhook buckets are keyed per interaction token: drop idle buckets whose window has passed.
    private void Prune()
    {
        var now = Time.GetUtcNow();
        foreach (var (key, bucket) in _buckets.ToList())
        {
            if (bucket.IsIdle(now))
            {
                _buckets.Remove(key);
            }
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static double? Number(HttpResponseHeaders headers, string name) =>
        double.TryParse(Header(headers, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Holds a bucket's turn; releasing it lets the next request of the bucket go.</summary>
    internal sealed class Lease(RestRateLimiter limiter, Bucket? bucket, GlobalSlot? slot) : IDisposable
    {
        private int _released;

        public Bucket? Bucket { get; } = bucket;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Bucket?.Gate.Release();
                if (slot is not null)
                {
                    limiter.Release(slot);
                }
            }
        }
    }

    /// <summary>One use of the global budget; free again at <see cref="FreeAt"/>.</summary>
    internal sealed class GlobalSlot
    {
        public DateTimeOffset FreeAt { get; set; } = DateTimeOffset.MaxValue;
    }

    /// <summary>Live state of one bucket. Unknown until its first response: then one request at a time, no waits.</summary>
    internal sealed class Bucket
    {
        private readonly Lock _state = new();
        private int? _limit;
        private int _remaining = 1;
        private DateTimeOffset _resetAt;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public void Set(int? limit, int remaining, DateTimeOffset resetAt)
        {
            lock (_state)
            {
                _limit = limit ?? _limit;
                _remaining = remaining;
                _resetAt = resetAt;
            }
        }

        public TimeSpan WaitTime(DateTimeOffset now, TimeSpan offset)
        {
            lock (_state)
            {
                return WaitTimeLocked(now, offset);
            }
        }

        private TimeSpan WaitTimeLocked(DateTimeOffset now, TimeSpan offset)
        {
            if (_remaining > 0)
            {
                return TimeSpan.Zero;
            }
            if (now >= _resetAt + offset)
            {
                // The window has passed: the next response tells the new state.
                _remaining = _limit ?? 1;
                return TimeSpan.Zero;
            }
            return _resetAt + offset - now;
        }

        public bool IsIdle(DateTimeOffset now) => Gate.CurrentCount == 1 && now >= _resetAt;
    }
}
