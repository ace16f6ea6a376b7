namespace MlePrep.Discord.Gateway;

/// <summary>Keeps Identify calls within <c>max_concurrency</c> per <see cref="GatewayPolicy.IdentifyWindow"/>.</summary>
internal sealed class IdentifyThrottle(TimeProvider time, GatewayPolicy policy)
{
    private readonly Queue<long> _identifies = new();

    /// <summary>Waits for an Identify slot and takes it. Called by the single connection loop only.</summary>
    public async Task WaitAsync(int maxConcurrency, CancellationToken ct)
    {
        var limit = Math.Max(1, maxConcurrency);
        while (true)
        {
            var now = time.GetTimestamp();
            while (_identifies.Count > 0 && time.GetElapsedTime(_identifies.Peek(), now) >= policy.IdentifyWindow)
            {
                _identifies.Dequeue();
            }
            if (_identifies.Count < limit)
            {
                _identifies.Enqueue(now);
                return;
            }
            await Task.Delay(policy.IdentifyWindow - time.GetElapsedTime(_identifies.Peek(), now), time, ct);
        }
    }
}
