namespace MlePrep.Bot.Tests.Operations;

/// <summary>Waits for a state another thread or process reaches; the timeout only turns a hang into a failure.</summary>
internal static class Until
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource(timeout);
        while (!condition())
        {
            await Task.Delay(10, expiry.Token);
        }
    }
}
