using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlePrep.Discord.Rest;

namespace MlePrep.Discord.Gateway;

/// <summary>
/// What every shard of this process shares about starting sessions: GET /gateway/bot (the URL, the recommended shard
/// count, <c>session_start_limit</c>), the identify budget (<c>remaining</c> per <c>reset_after</c>, per bot token, not per
/// connection) and the identify rate limit. Discord's "Sharding → Max Concurrency": shards are keyed by
/// <c>shard_id % max_concurrency</c>, each key identifies at most once per 5 s, and buckets start in order.
/// </summary>
internal sealed class GatewaySessionStarts(
    IDiscordRestClient rest,
    GatewayPolicy policy,
    [FromKeyedServices(DiscordClock.Key)] TimeProvider time,
    ILogger<GatewaySessionStarts> logger)
{
    private readonly SemaphoreSlim _budget = new(1, 1);
    private readonly Lock _keysLock = new();
    private readonly Dictionary<int, RateLimitKey> _keys = [];
    private readonly long _origin = time.GetTimestamp();
    private GatewayBotInfo? _gateway;
    private int _left;
    private volatile bool _stale;

    /// <summary>GET /gateway/bot, fetched once and shared (for <c>ShardCount = auto</c> and the first identifies).</summary>
    public async Task<GatewayBotInfo> InfoAsync(CancellationToken ct)
    {
        await _budget.WaitAsync(ct);
        try
        {
            if (_gateway is null || _stale)
            {
                Fetched(await rest.GetGatewayBotAsync(ct));
            }
            return _gateway!;
        }
        finally
        {
            _budget.Release();
        }
    }

    /// <summary>
    /// Takes one session start from the shared budget (waiting out <c>reset_after</c> when none are left) and reserves
    /// <paramref name="shard"/>'s identify slot; returns the URL to connect to and the slot for <see cref="WaitForTurnAsync"/>.
    /// </summary>
    public async Task<(Uri Url, IdentifyTurn Turn)> TakeAsync(Shard shard, CancellationToken ct)
    {
        GatewayBotInfo gateway;
        await _budget.WaitAsync(ct);
        try
        {
            while (_gateway is null || _stale || _left <= 0)
            {
                Fetched(await rest.GetGatewayBotAsync(ct));
                if (_left > 0)
                {
                    break;
                }
                var wait = TimeSpan.FromMilliseconds(_gateway!.SessionStartLimit.ResetAfter);
                wait = wait > policy.InitialBackoff ? wait : policy.InitialBackoff;
                logger.GatewaySessionStartLimitExhausted(wait.TotalMilliseconds);
                await Task.Delay(wait, time, ct);
            }
            _left--;
            gateway = _gateway!;
        }
        finally
        {
            _budget.Release();
        }
        return (new Uri(gateway.Url), Reserve(shard, gateway.SessionStartLimit.MaxConcurrency));
    }

    /// <summary>Connecting with the cached URL failed: the docs say to fetch GET /gateway/bot again then, and only then.</summary>
    public void Forget() => _stale = true;

    /// <summary>Waits for the turn's slot, so a shard whose bucket comes later does not hold an idle connection open meanwhile.</summary>
    public Task WaitForSlotAsync(IdentifyTurn turn, CancellationToken ct)
    {
        var wait = turn.Slot - Now;
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, ct) : Task.CompletedTask;
    }

    /// <summary>
    /// Waits until the shard may send Identify: not before its reserved slot, and at least the identify window after the
    /// last Identify of the same rate-limit key (a shard whose Hello came late may have pushed that back). Records the send.
    /// </summary>
    public async Task WaitForTurnAsync(IdentifyTurn turn, CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_keysLock)
            {
                var key = _keys[turn.Key];
                var now = Now;
                var due = key.LastIdentify is { } last && last + policy.IdentifyWindow > turn.Slot ? last + policy.IdentifyWindow : turn.Slot;
                if (now >= due)
                {
                    key.LastIdentify = now;
                    key.NextSlot = key.NextSlot > now + policy.IdentifyWindow ? key.NextSlot : now + policy.IdentifyWindow;
                    return;
                }
                wait = due - now;
            }
            await Task.Delay(wait, time, ct);
        }
    }

    /// <summary>
    /// The Identify of <paramref name="turn"/> has been sent: the window counts from now, since Discord sees the frame
    /// arrive, not the turn begin (the first Identify of a process may take a while to serialize and send).
    /// </summary>
    public void Sent(IdentifyTurn turn)
    {
        lock (_keysLock)
        {
            var key = _keys[turn.Key];
            var now = Now;
            key.LastIdentify = key.LastIdentify > now ? key.LastIdentify : now;
            key.NextSlot = key.NextSlot > now + policy.IdentifyWindow ? key.NextSlot : now + policy.IdentifyWindow;
        }
    }

    private TimeSpan Now => time.GetElapsedTime(_origin);

    // Slots are handed out in the order shards ask, and shards ask in id order at start: bucket by bucket, as the docs require.
    private IdentifyTurn Reserve(Shard shard, int maxConcurrency)
    {
        var keyId = shard.Id % Math.Max(1, maxConcurrency);
        lock (_keysLock)
        {
            if (!_keys.TryGetValue(keyId, out var key))
            {
                _keys[keyId] = key = new RateLimitKey();
            }
            var now = Now;
            var slot = key.NextSlot > now ? key.NextSlot : now;
            key.NextSlot = slot + policy.IdentifyWindow;
            return new IdentifyTurn(keyId, slot);
        }
    }

    private void Fetched(GatewayBotInfo gateway)
    {
        _gateway = gateway;
        _left = gateway.SessionStartLimit.Remaining;
        _stale = false;
    }

    private sealed class RateLimitKey
    {
        public TimeSpan NextSlot { get; set; }
        public TimeSpan? LastIdentify { get; set; }
    }
}

/// <summary>A shard's reserved identify slot: its rate-limit key and the earliest time (since the process began starting sessions).</summary>
internal readonly record struct IdentifyTurn(int Key, TimeSpan Slot);
