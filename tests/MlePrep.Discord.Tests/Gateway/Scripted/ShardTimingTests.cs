using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Hosting;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Discord.Tests.Gateway.Scripted;

/// <summary>
/// Sharding on fake time: each shard is its own connection that identifies with <c>[id, count]</c>, in buckets of
/// <c>shard_id % max_concurrency</c> 5 s apart (Discord's "Sharding → Max Concurrency"), <c>auto</c> takes GET /gateway/bot's
/// count, 4011 stops the bot with one line naming <c>Discord__ShardCount</c>, and one shard's reconnect leaves the others be.
/// </summary>
public sealed class ShardTimingTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private static Shard[] Shards(int count, int? take = null) => [.. Enumerable.Range(0, take ?? count).Select(id => new Shard(id, count))];

    /// <summary>Identify's <c>shard</c> as sent, e.g. <c>[0,3]</c>; null when left out.</summary>
    private static string? ShardOf(JsonNode identify) => identify["d"]!["shard"]?.ToJsonString();

    /// <summary>The next <paramref name="count"/> connections (shards connect in id order), each sent Hello.</summary>
    private static async Task<ScriptedConnection[]> ConnectAllAsync(ScriptedGateway g, int count)
    {
        var connections = new ScriptedConnection[count];
        for (var i = 0; i < count; i++)
        {
            connections[i] = await g.Transports.NextConnectionAsync();
            connections[i].Hello(ScriptedGateway.Interval);
        }
        return connections;
    }

    /// <summary>Moves the clock to the next bucket's slot (one tick before: still <paramref name="attempts"/> connections) and connects it.</summary>
    private static async Task<ScriptedConnection[]> NextBucketAsync(ScriptedGateway g, int attempts, int shards, int timerCount = 1)
    {
        await g.AdvanceThroughAsync(Window, () => Assert.Equal(attempts, g.Transports.Attempts.Count), timerCount);
        return await ConnectAllAsync(g, shards);
    }

    /// <summary>Shards 0 and 1 of 2 (max_concurrency 1): shard 0 READY at 0 s as session-0, shard 1 at 5 s as session-1.</summary>
    private static async Task<(ScriptedConnection Zero, ScriptedConnection One)> TwoShardsReadyAsync(ScriptedGateway g)
    {
        var zero = (await ConnectAllAsync(g, 1))[0];
        await zero.NextFrameAsync();
        zero.Ready(1, "session-0", ScriptedGateway.ResumeUrl);
        var one = (await NextBucketAsync(g, attempts: 1, shards: 1))[0];
        await one.NextFrameAsync();
        one.Ready(1, "session-1", ScriptedGateway.ResumeUrl);
        return (zero, one);
    }

    [Fact]
    public async Task With_max_concurrency_1_shards_connect_and_identify_one_by_one_in_id_order_five_seconds_apart_each_with_its_shard()
    {
        await using var g = ScriptedGateway.Start(shards: Shards(3));

        var zero = (await ConnectAllAsync(g, 1))[0];
        Assert.Equal("[0,3]", ShardOf(await zero.NextFrameAsync()));
        var one = (await NextBucketAsync(g, attempts: 1, shards: 1))[0];
        Assert.Equal("[1,3]", ShardOf(await one.NextFrameAsync()));
        // Shard 2's slot was reserved at the start, 10 s out: its timer was armed then, with 10 s to go.
        await g.Clock.WaitForTimerAsync(Window * 2);
        g.Clock.Advance(Window - TimeSpan.FromTicks(1));
        Assert.Equal(2, g.Transports.Attempts.Count);
        g.Clock.Advance(TimeSpan.FromTicks(1));
        var two = (await ConnectAllAsync(g, 1))[0];
        Assert.Equal("[2,3]", ShardOf(await two.NextFrameAsync()));

        Assert.Equal([TimeSpan.Zero, Window, Window * 2], g.Transports.Attempts.Select(a => a.At));
    }

    [Fact]
    public async Task A_late_Hello_pushes_the_next_Identify_of_the_same_key_to_five_seconds_after_the_one_actually_sent()
    {
        await using var g = ScriptedGateway.Start(shards: Shards(2));
        var zero = await g.Transports.NextConnectionAsync();
        // Shard 0's Hello takes 3 s: its Identify goes out at 3 s, so shard 1 (same key) may identify only at 8 s.
        g.Clock.Advance(TimeSpan.FromSeconds(3));
        zero.Hello(ScriptedGateway.Interval);
        Assert.Equal("[0,2]", ShardOf(await zero.NextFrameAsync()));

        await g.Clock.WaitForTimerAsync(Window);
        g.Clock.Advance(TimeSpan.FromSeconds(2));
        var one = (await ConnectAllAsync(g, 1))[0];
        await g.AdvanceThroughAsync(TimeSpan.FromSeconds(3), () => Assert.Equal(0, one.Unread));

        Assert.Equal("[1,2]", ShardOf(await one.NextFrameAsync()));
        Assert.Equal(TimeSpan.FromSeconds(8), g.Clock.Elapsed);
    }

    [Fact]
    public async Task With_max_concurrency_16_the_first_sixteen_shards_identify_together_and_the_next_bucket_five_seconds_later()
    {
        var rest = ScriptedGateway.GatewayBot(ScriptedGateway.Limit(999, maxConcurrency: 16));
        await using var g = ScriptedGateway.Start(rest: rest, shards: Shards(18));

        var first = await ConnectAllAsync(g, 16);
        for (var id = 0; id < 16; id++)
        {
            Assert.Equal($"[{id},18]", ShardOf(await first[id].NextFrameAsync()));
        }
        Assert.Equal(TimeSpan.Zero, g.Clock.Elapsed);
        // Shards 16 and 17 share keys 0 and 1 with shards 0 and 1.
        var second = await NextBucketAsync(g, attempts: 16, shards: 2, timerCount: 2);
        Assert.Equal("[16,18]", ShardOf(await second[0].NextFrameAsync()));
        Assert.Equal("[17,18]", ShardOf(await second[1].NextFrameAsync()));
        Assert.Equal(Window, g.Clock.Elapsed);
    }

    [Fact]
    public async Task The_session_start_budget_is_shared_a_shard_beyond_remaining_waits_reset_after()
    {
        // remaining is per bot token: with 2 starts left, the third shard waits for the window to reset.
        var resetAfter = TimeSpan.FromHours(1);
        var rest = ScriptedGateway.GatewayBot(
            ScriptedGateway.Limit(2, maxConcurrency: 16),
            ScriptedGateway.Limit(0, (long)resetAfter.TotalMilliseconds, maxConcurrency: 16),
            ScriptedGateway.Limit(1000, maxConcurrency: 16));
        await using var g = ScriptedGateway.Start(rest: rest, shards: Shards(3));
        await g.Transports.NextConnectionAsync();
        await g.Transports.NextConnectionAsync();

        await g.AdvanceThroughAsync(resetAfter, () => Assert.Equal(2, g.Transports.Attempts.Count));

        await g.Transports.NextConnectionAsync();
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, resetAfter], g.Transports.Attempts.Select(a => a.At));
        rest.Verify(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task A_shard_that_starts_a_new_session_waits_for_its_key_while_another_shard_keeps_its_connection_and_sequence()
    {
        await using var g = ScriptedGateway.Start(shards: Shards(2));
        var (zero, one) = await TwoShardsReadyAsync(g);
        await g.AckAsync(one, sequence: 7);

        // Shard 0's session ends (4009): it may identify only 5 s after shard 1, which shares key 0.
        zero.ServerClose(4009);
        var again = (await NextBucketAsync(g, attempts: 2, shards: 1, timerCount: 2))[0];
        var identify = await again.NextFrameAsync();
        Assert.Equal((2, "[0,2]"), (identify["op"]!.GetValue<int>(), ShardOf(identify)));
        Assert.Equal(Window * 2, g.Clock.Elapsed);

        // Shard 1 never noticed: same connection, and its first heartbeat (its Hello came at 5 s) carries its own sequence.
        Assert.False(one.ClientClosed);
        g.Clock.Advance(Window + (ScriptedGateway.Interval * 0.5) - g.Clock.Elapsed);
        var beat = await one.NextFrameAsync();
        Assert.Equal((1, 7), (beat["op"]!.GetValue<int>(), beat["d"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_dropped_shard_resumes_its_own_session_at_once_and_the_other_shard_is_not_disturbed()
    {
        await using var g = ScriptedGateway.Start(shards: Shards(2));
        var (zero, one) = await TwoShardsReadyAsync(g);
        await g.Sink.WaitUntilAsync(s => s.Readies.Count == 2);

        one.Drop();
        var resumed = (await ConnectAllAsync(g, 1))[0];
        var resume = await resumed.NextFrameAsync();

        Assert.Equal((6, "session-1"), (resume["op"]!.GetValue<int>(), resume["d"]!["session_id"]!.GetValue<string>()));
        Assert.Equal(Window, g.Clock.Elapsed);
        Assert.False(zero.ClientClosed);
        Assert.Equal(0, zero.Unread);
        var seen = g.Sink.Dispatches.Count;
        zero.Dispatch("TEST_EVENT", 2);
        await g.Sink.WaitUntilAsync(s => s.Dispatches.Count > seen);
    }

    [Fact]
    public async Task Auto_runs_the_shard_count_GET_gateway_bot_recommends()
    {
        await using var h = await ShardHost.StartAsync("auto", shardIds: null, ScriptedGateway.GatewayBot(shards: 3, ScriptedGateway.Limit(999, maxConcurrency: 3)));

        var c = await ConnectAllAsync(h.Gateway, 3);

        var shards = await Task.WhenAll(c.Select(async x => ShardOf(await x.NextFrameAsync()) ?? "none"));
        Assert.Equal(["[0,3]", "[1,3]", "[2,3]"], shards);
        Assert.Contains(h.Logs.GetSnapshot(), r => r.Id.Id == 3101 && r.Message.Contains("recommends 3 shards", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Auto_with_shard_ids_beyond_the_recommended_count_stops_with_exit_code_2_and_one_line()
    {
        await using var h = await ShardHost.StartAsync("auto", "0-3", ScriptedGateway.GatewayBot(shards: 3));

        var (exitCode, critical) = await h.StoppedAsync();

        Assert.Equal(GatewayHostedService.ConfigurationExitCode, exitCode);
        Assert.Contains("Discord:ShardIds lists shard 3, but Discord:ShardCount is 3", critical, StringComparison.Ordinal);
        Assert.Empty(h.Gateway.Transports.Attempts);
    }

    [Fact]
    public async Task Auto_retries_an_unreachable_API_and_stops_with_one_line_on_a_rejected_token()
    {
        var rest = new Mock<IDiscordRestClient>(MockBehavior.Strict);
        rest.SetupSequence(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("Connection refused (discord.test:443)"))
            .ThrowsAsync(new DiscordApiException(System.Net.HttpStatusCode.Unauthorized, 0, "401: Unauthorized", "GET /gateway/bot"));
        await using var h = await ShardHost.StartAsync("auto", shardIds: null, rest);

        // One warning, then the retry after the first back-off (1 s × 0.75 with the fixed jitter).
        await h.Gateway.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(0.75));
        h.Gateway.Clock.Advance(TimeSpan.FromSeconds(0.75));
        var (exitCode, critical) = await h.StoppedAsync();

        Assert.Equal(GatewayHostedService.FatalExitCode, exitCode);
        Assert.Contains("Check Discord__Token", critical, StringComparison.Ordinal);
        Assert.Contains(h.Logs.GetSnapshot(), r => r.Id.Id == 3103 && r.Message.Contains("Connection refused", StringComparison.Ordinal));
        Assert.Empty(h.Gateway.Transports.Attempts);
    }

    [Fact]
    public async Task Close_4011_stops_the_bot_with_a_failing_exit_code_and_one_line_telling_to_set_Discord__ShardCount()
    {
        await using var h = await ShardHost.StartAsync("1", shardIds: null, ScriptedGateway.GatewayBot());
        var c = await h.Gateway.Transports.NextConnectionAsync();
        c.Hello(ScriptedGateway.Interval);
        Assert.Null(ShardOf(await c.NextFrameAsync()));

        c.ServerClose(GatewayCloseCodes.ShardingRequired);
        var (exitCode, critical) = await h.StoppedAsync();

        Assert.Equal(GatewayHostedService.FatalExitCode, exitCode);
        Assert.Contains("close 4011 sharding required", critical, StringComparison.Ordinal);
        Assert.Contains("Set Discord__ShardCount to auto", critical, StringComparison.Ordinal);
        Assert.Single(h.Gateway.Transports.Attempts);
    }

    [Fact]
    public async Task Close_4011_on_one_of_several_shards_stops_every_shard_and_asks_for_more_shards()
    {
        await using var h = await ShardHost.StartAsync("2", shardIds: null, ScriptedGateway.GatewayBot(shards: 2, ScriptedGateway.Limit(999, maxConcurrency: 2)));
        var c = await ConnectAllAsync(h.Gateway, 2);
        await Task.WhenAll(c.Select(x => x.NextFrameAsync()));

        c[1].ServerClose(GatewayCloseCodes.ShardingRequired);
        var (exitCode, critical) = await h.StoppedAsync();

        Assert.Equal(GatewayHostedService.FatalExitCode, exitCode);
        Assert.Contains("shard [1, 2] would carry too many servers", critical, StringComparison.Ordinal);
        Assert.Contains("Raise Discord__ShardCount", critical, StringComparison.Ordinal);
        // The healthy shard closed with 1000 as the host stopped.
        Assert.Equal(GatewayCloseCodes.Normal, await c[0].ClientClose);
    }

    /// <summary>The hosted service as AddDiscordClient registers it, on scripted connections and the observed clock.</summary>
    private sealed class ShardHost : IAsyncDisposable
    {
        private ShardHost(IHost host, ScriptedGateway gateway)
        {
            Host = host;
            Gateway = gateway;
        }

        public IHost Host { get; }

        /// <summary>Only its clock and transports are used: the host runs its own clients on them.</summary>
        public ScriptedGateway Gateway { get; }

        public FakeLogCollector Logs => Host.Services.GetFakeLogCollector();

        /// <summary>Waits for the host to stop by itself; its exit code (reset afterwards for other tests) and its one critical line.</summary>
        public async Task<(int ExitCode, string Critical)> StoppedAsync()
        {
            try
            {
                await Host.WaitForShutdownAsync().WaitAsync(GatewayHarness.Timeout);
                return (Environment.ExitCode, Assert.Single(Logs.GetSnapshot(), r => r.Level == LogLevel.Critical).Message);
            }
            finally
            {
                Environment.ExitCode = 0;
            }
        }

        public static async Task<ShardHost> StartAsync(string shardCount, string? shardIds, Mock<IDiscordRestClient> rest)
        {
            var scripted = ScriptedGateway.Idle();
            var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Discord:Token"] = ScriptedGateway.Token,
                ["Discord:ShardCount"] = shardCount,
                ["Discord:ShardIds"] = shardIds,
            });
            builder.Logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging();
            builder.Services.AddKeyedSingleton<TimeProvider>(DiscordClock.Key, scripted.Clock);
            builder.Services.AddDiscordClient(builder.Configuration.GetSection(DiscordOptions.SectionName));
            builder.Services.Replace(ServiceDescriptor.Singleton(rest.Object));
            builder.Services.Replace(ServiceDescriptor.Singleton<IGatewayTransportFactory>(scripted.Transports));
            builder.Services.Replace(ServiceDescriptor.Singleton(ScriptedGateway.DefaultPolicy()));
            var host = builder.Build();
            await host.StartAsync();
            return new ShardHost(host, scripted);
        }

        public async ValueTask DisposeAsync()
        {
            await Host.StopAsync(GatewayHarness.Timeout);
            Host.Dispose();
            await Gateway.DisposeAsync();
        }
    }
}
