namespace MlePrep.Discord.Gateway;

/// <summary>
/// Discord closes a connection (4008) that sends more than 120 events in 60 s. Ordinary sends get 115 of them so
/// heartbeats, Identify and Resume always find room (discord.js budgets the same way). One limiter per connection.
/// </summary>
internal sealed class GatewaySendLimiter(TimeProvider time)
{
    public const int Limit = 120;
    public const int OrdinaryLimit = 115;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Queue<long> _sent = new();
    private readonly Lock _lock = new();

    /// <summary>Waits until one more event may be sent in the window, then counts it as sent.</summary>
    public async ValueTask WaitAsync(bool priority, CancellationToken ct)
    {
        var limit = priority ? Limit : OrdinaryLimit;
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetTimestamp();
                while (_sent.Count > 0 && time.GetElapsedTime(_sent.Peek(), now) >= Window)
                {
                    _sent.Dequeue();
                }
                if (_sent.Count < limit)
                {
                    _sent.Enqueue(now);
                    return;
                }
                // The send that frees a slot for this caller is the (count - limit + 1)-th oldest.
                wait = Window - time.GetElapsedTime(_sent.ElementAt(_sent.Count - limit), now);
            }
            await Task.Delay(wait, time, ct);
        }
    }
}
