using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Discord.Gateway;

namespace MlePrep.Discord.Tests.Gateway;

public sealed class GatewayLimitsTests
{
    [Fact]
    public async Task Send_limiter_allows_115_ordinary_sends_per_minute_and_keeps_the_rest_of_120_for_priority_ones()
    {
        var time = new FakeTimeProvider();
        var limiter = new GatewaySendLimiter(time);

        for (var i = 0; i < GatewaySendLimiter.OrdinaryLimit; i++)
        {
            Assert.True(limiter.WaitAsync(priority: false, CancellationToken.None).IsCompletedSuccessfully);
        }
        var ordinary = limiter.WaitAsync(priority: false, CancellationToken.None).AsTask();
        for (var i = GatewaySendLimiter.OrdinaryLimit; i < GatewaySendLimiter.Limit; i++)
        {
            Assert.True(limiter.WaitAsync(priority: true, CancellationToken.None).IsCompletedSuccessfully);
        }
        var priority = limiter.WaitAsync(priority: true, CancellationToken.None).AsTask();

        Assert.False(ordinary.IsCompleted);
        Assert.False(priority.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(59.9));
        Assert.False(ordinary.IsCompleted);
        Assert.False(priority.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        await priority.WaitAsync(TimeSpan.FromSeconds(5));
        await ordinary.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Send_limiter_never_lets_more_than_120_sends_into_any_60_second_window()
    {
        var time = new FakeTimeProvider();
        var limiter = new GatewaySendLimiter(time);
        var sentAt = new List<DateTimeOffset>();

        // Every 250 ms, send as much as the limiter lets through at once; the first send it holds back is withdrawn.
        for (var step = 0; step < 1000; step++, time.Advance(TimeSpan.FromMilliseconds(250)))
        {
            while (true)
            {
                using var cts = new CancellationTokenSource();
                var send = limiter.WaitAsync(priority: sentAt.Count % 3 == 0, cts.Token);
                if (!send.IsCompletedSuccessfully)
                {
                    await cts.CancelAsync();
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.AsTask());
                    break;
                }
                sentAt.Add(time.GetUtcNow());
            }
        }

        Assert.InRange(sentAt.Count(t => t == sentAt[0]), GatewaySendLimiter.OrdinaryLimit, GatewaySendLimiter.Limit);
        Assert.True(sentAt.Count >= 4 * GatewaySendLimiter.OrdinaryLimit, $"only {sentAt.Count} sends in 250 s");
        for (var i = 0; i + GatewaySendLimiter.Limit < sentAt.Count; i++)
        {
            Assert.True(sentAt[i + GatewaySendLimiter.Limit] - sentAt[i] >= GatewaySendLimiter.Window,
                $"sends {i} and {i + GatewaySendLimiter.Limit} are {sentAt[i + GatewaySendLimiter.Limit] - sentAt[i]} apart");
        }
    }

    [Fact]
    public async Task Identify_turns_of_one_rate_limit_key_are_a_window_apart_and_other_keys_do_not_wait()
    {
        var time = new FakeTimeProvider();
        var rest = Scripted.ScriptedGateway.GatewayBot(Scripted.ScriptedGateway.Limit(999, maxConcurrency: 2));
        var starts = new GatewaySessionStarts(rest.Object, new GatewayPolicy(Random.Shared), time, NullLogger<GatewaySessionStarts>.Instance);

        // Shards 0 and 2 share key 0 (0 % 2 = 2 % 2); shard 1 has key 1.
        var (_, zero) = await starts.TakeAsync(new Shard(0, 3), CancellationToken.None);
        var (_, one) = await starts.TakeAsync(new Shard(1, 3), CancellationToken.None);
        var (_, two) = await starts.TakeAsync(new Shard(2, 3), CancellationToken.None);
        await starts.WaitForTurnAsync(zero, CancellationToken.None);
        await starts.WaitForTurnAsync(one, CancellationToken.None);
        var third = starts.WaitForTurnAsync(two, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        await third.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Backoff_doubles_from_one_second_with_jitter_and_stops_at_sixty()
    {
        var low = new GatewayPolicy(new FixedRandom(0));
        var high = new GatewayPolicy(new FixedRandom(0.999999));

        Assert.Equal(TimeSpan.FromSeconds(0.5), low.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(1), low.Backoff(2));
        Assert.Equal(TimeSpan.FromSeconds(2), low.Backoff(3));
        Assert.InRange(high.Backoff(1).TotalSeconds, 0.99, 1);
        Assert.InRange(high.Backoff(50).TotalSeconds, 59.9, 60);
        Assert.Equal(TimeSpan.FromSeconds(30), low.Backoff(50));
    }

    [Fact]
    public void Invalid_session_pause_is_between_one_and_five_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), new GatewayPolicy(new FixedRandom(0)).InvalidSessionDelay());
        Assert.InRange(new GatewayPolicy(new FixedRandom(0.999999)).InvalidSessionDelay().TotalSeconds, 4.99, 5);
    }

    [Fact]
    public void The_jitter_comes_from_the_client_s_keyed_Random()
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton<Random>(DiscordClock.Key, new FixedRandom(0));
        services.AddDiscordClient(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        var policy = provider.GetRequiredService<GatewayPolicy>();

        Assert.Equal(TimeSpan.FromSeconds(0.5), policy.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(1), policy.InvalidSessionDelay());
    }
}
