using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>A route's bucket: its hash, size and window. Routes with the same hash share counters per major parameter.</summary>
internal sealed record BucketSpec(string Hash, int Limit, TimeSpan Window);

/// <summary>Server-side rate limits: per-bucket windows, a sliding global window, scripted faults, and the headers.</summary>
internal sealed class EmulatedLimits(EmulatorOptions options)
{
    private readonly Dictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _global = new();
    private readonly Dictionary<string, Queue<EmulatorFault>> _faults = new(StringComparer.Ordinal);

    public int RateLimitedCount { get; private set; }

    public void Script(string route, int count, EmulatorFault fault)
    {
        if (!_faults.TryGetValue(route, out var queue))
        {
            queue = new Queue<EmulatorFault>();
            _faults[route] = queue;
        }
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue(fault);
        }
    }

    public EmulatorFault? NextFault(string route) =>
        _faults.TryGetValue(route, out var queue) && queue.TryDequeue(out var fault) ? fault : null;

    /// <summary>Counts the request against the global window; returns the wait when the window is full.</summary>
    public TimeSpan? TakeGlobal(DateTimeOffset now)
    {
        if (options.GlobalRequestsPerSecond <= 0)
        {
            return null;
        }
        while (_global.Count > 0 && now - _global.Peek() >= TimeSpan.FromSeconds(1))
        {
            _global.Dequeue();
        }
        if (_global.Count >= options.GlobalRequestsPerSecond)
        {
            return _global.Peek() + TimeSpan.FromSeconds(1) - now;
        }
        _global.Enqueue(now);
        return null;
    }

    /// <summary>Counts the request against its bucket; returns the wait when the bucket is empty.</summary>
    public TimeSpan? TakeBucket(BucketSpec spec, string major, DateTimeOffset now, out BucketState state)
    {
        state = State(spec, major, now);
        if (state.Remaining == 0)
        {
            return state.ResetAt - now;
        }
        state.Remaining--;
        return null;
    }

    public BucketState State(BucketSpec spec, string major, DateTimeOffset now)
    {
        var key = $"{spec.Hash}|{major}";
        if (!_buckets.TryGetValue(key, out var state) || now >= state.ResetAt)
        {
            state = new BucketState(spec) { Remaining = spec.Limit, ResetAt = now + spec.Window };
            _buckets[key] = state;
        }
        return state;
    }

    public static void WriteBucketHeaders(HttpResponse response, BucketState state, DateTimeOffset now, int? remainingOverride = null)
    {
        var resetAfter = Math.Max(0, (state.ResetAt - now).TotalSeconds);
        response.Headers["X-RateLimit-Limit"] = state.Spec.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = (remainingOverride ?? state.Remaining).ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = (state.ResetAt.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset-After"] = resetAfter.ToString("0.000", CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Bucket"] = state.Spec.Hash;
    }

    /// <summary>Writes a 429's headers and returns its body.</summary>
    public System.Text.Json.Nodes.JsonObject TooManyRequests(HttpResponse response, EmulatedRateLimitScope scope, TimeSpan retryAfter)
    {
        RateLimitedCount++;
        var seconds = Math.Max(0.001, retryAfter.TotalSeconds);
        response.Headers.RetryAfter = ((int)Math.Ceiling(seconds)).ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Scope"] = scope.ToString().ToLowerInvariant();
        var global = scope == EmulatedRateLimitScope.Global;
        if (global)
        {
            response.Headers["X-RateLimit-Global"] = "true";
        }
        return new System.Text.Json.Nodes.JsonObject
        {
            ["message"] = "You are being rate limited.",
            ["retry_after"] = Math.Round(seconds, 3),
            ["global"] = global,
        };
    }

    internal sealed class BucketState(BucketSpec spec)
    {
        public BucketSpec Spec { get; } = spec;
        public int Remaining { get; set; }
        public DateTimeOffset ResetAt { get; set; }
    }
}
