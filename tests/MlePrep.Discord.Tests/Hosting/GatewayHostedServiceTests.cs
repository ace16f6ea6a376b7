using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Hosting;
using MlePrep.Discord.Tests.Gateway;

namespace MlePrep.Discord.Tests.Hosting;

public sealed class GatewayHostedServiceTests
{
    private static readonly TimeSpan Timeout = GatewayHarness.Timeout;

    private static Task HandledAsync(HostedGateway g, ulong id) =>
        g.Recorder.WaitUntilAsync(e => e.Any(x => x.StartsWith($"handled {id} ", StringComparison.Ordinal)));

    [Fact]
    public async Task Interactions_reach_the_handler_each_in_its_own_scope()
    {
        await using var g = await HostedGateway.StartAsync();
        await g.Emulator.Gateway.WaitForIdentifiesAsync().WaitAsync(Timeout);
        ulong first = HostedGateway.NextId(), second = HostedGateway.NextId();

        await g.Emulator.Gateway.DispatchAsync("INTERACTION_CREATE", HostedGateway.SlashCommand("ping", first));
        await g.Emulator.Gateway.DispatchAsync("INTERACTION_CREATE", HostedGateway.SlashCommand("ping", second));
        await HandledAsync(g, first);
        await HandledAsync(g, second);

        var instances = g.Recorder.Entries.Select(e => e.Split(" by ")[1]).ToList();
        Assert.Equal(2, instances.Distinct().Count());
    }

    [Fact]
    public async Task A_slow_handler_delays_neither_heartbeats_nor_other_interactions()
    {
        await using var g = await HostedGateway.StartAsync();
        await g.Emulator.Gateway.WaitForIdentifiesAsync().WaitAsync(Timeout);
        ulong slow = HostedGateway.NextId(), quick = HostedGateway.NextId();

        await g.Emulator.Gateway.DispatchAsync("INTERACTION_CREATE", HostedGateway.SlashCommand("slow", slow));
        await g.Recorder.WaitForAsync($"started {slow}");
        var beats = g.Emulator.Gateway.ReceivedFrames.Count(f => f.Op == 1);
        await g.Emulator.Gateway.DispatchAsync("INTERACTION_CREATE", HostedGateway.SlashCommand("ping", quick));
        await HandledAsync(g, quick);
        await g.Emulator.Gateway.WaitUntilAsync(gw => gw.ReceivedFrames.Count(f => f.Op == 1) >= beats + 2).WaitAsync(Timeout);

        Assert.DoesNotContain(g.Recorder.Entries, e => e.StartsWith($"handled {slow} ", StringComparison.Ordinal));
        Assert.Empty(g.Emulator.Gateway.ClientCloses);
        g.Recorder.ReleaseSlowHandlers();
        await HandledAsync(g, slow);
    }

    private static string Dispatch(string eventName, string d) => $$"""{"op":0,"t":"{{eventName}}","s":null,"d":{{d}}}""";

    [Fact]
    public async Task A_dispatch_whose_d_is_not_an_object_is_skipped_and_the_connection_stays_up()
    {
        await using var g = await HostedGateway.StartAsync();
        await g.Emulator.Gateway.WaitForIdentifiesAsync().WaitAsync(Timeout);
        var next = HostedGateway.NextId();
        string[] hostile =
        [
            Dispatch("INTERACTION_CREATE", "null"), Dispatch("INTERACTION_CREATE", "[]"), Dispatch("INTERACTION_CREATE", "\"x\""),
            Dispatch("READY", "null"), Dispatch("GUILD_DELETE", "5"), """{"op":0,"t":"CHANNEL_DELETE","s":null}""",
            Dispatch("GUILD_CREATE", "[]"),
        ];
        // Objects, so past the receive loop's check, whose guild id the dispatcher cannot read.
        string[] malformed = [Dispatch("GUILD_CREATE", """{"id":7}"""), Dispatch("GUILD_CREATE", """{"id":"-1"}""")];

        foreach (var frame in hostile.Concat(malformed))
        {
            await g.Emulator.Gateway.SendRawAsync(frame);
        }
        await g.Emulator.Gateway.DispatchAsync("INTERACTION_CREATE", HostedGateway.SlashCommand("ping", next));
        await HandledAsync(g, next);

        Assert.Single(g.Emulator.Gateway.ConnectedUrls);
        Assert.Empty(g.Emulator.Gateway.ClientCloses);
        Assert.Equal(hostile.Length, g.Logs.GetSnapshot().Count(r => r.Id.Id == 2122 && r.Level == LogLevel.Warning));
        Assert.Equal(malformed.Length, g.Logs.GetSnapshot().Count(r => r.Id.Id == 2123 && r.Level == LogLevel.Warning));
        Assert.DoesNotContain(g.Logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Malformed_interactions_are_rejected_with_one_warning_each_and_never_reach_the_handler()
    {
        await using var g = await HostedGateway.StartAsync();
        await g.Emulator.Gateway.WaitForIdentifiesAsync().WaitAsync(Timeout);
        string Interaction(Action<JsonObject> change)
        {
            var body = HostedGateway.SlashCommand("ping");
            change(body);
            return Dispatch("INTERACTION_CREATE", body.ToJsonString());
        }
        string[] malformed =
        [
            Interaction(b => b["token"] = null),
            Interaction(b => b.Remove("user")),
            Interaction(b => { b["type"] = 5; b["data"] = JsonNode.Parse("""{"custom_id":"answerm:q1","components":[null]}"""); }),
            Interaction(b => b["data"]!["options"] = JsonNode.Parse("""[{"name":"topic","type":3,"value":"x"}]""")).Replace("\"value\":\"x\"", "\"value\":\"\\ud800\"", StringComparison.Ordinal),
            Interaction(b => b["data"]!["options"] = JsonNode.Parse("[null]")),
            Interaction(b => b["data"] = null),
            Interaction(b => b["data"]!["custom_id"] = "x").Replace("\"custom_id\":\"x\"", "\"custom_id\":\"\\udc00x\"", StringComparison.Ordinal),
        ];
        var next = HostedGateway.NextId();

        foreach (var frame in malformed)
        {
            await g.Emulator.Gateway.SendRawAsync(frame);
        }
        await g.Emulator.Gateway.DispatchAsync("INTERACTION_CREATE", HostedGateway.SlashCommand("ping", next));
        await HandledAsync(g, next);

        Assert.Single(g.Recorder.Entries);
        var warnings = g.Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Warning).ToList();
        Assert.Equal(malformed.Length, warnings.Count);
        Assert.All(warnings, w => Assert.Null(w.Exception));
        Assert.All(warnings, w => Assert.True(w.Id.Id is 2123 or 2124, w.Message));
        Assert.Single(g.Emulator.Gateway.ConnectedUrls);
    }

    [Fact]
    public async Task Shutdown_closes_the_gateway_with_1000_and_interactions_in_flight_still_finish()
    {
        // A heartbeat slow enough that a loaded machine never misses an ACK: the only close is then the shutdown's.
        await using var g = await HostedGateway.StartAsync(heartbeat: TimeSpan.FromSeconds(30));
        await g.Emulator.Gateway.WaitForIdentifiesAsync().WaitAsync(Timeout);
        var slow = HostedGateway.NextId();
        await g.Emulator.Gateway.DispatchAsync("INTERACTION_CREATE", HostedGateway.SlashCommand("slow", slow));
        await g.Recorder.WaitForAsync($"started {slow}");

        var stopping = g.Host.StopAsync(Timeout);
        await g.Emulator.Gateway.WaitUntilAsync(gw => gw.ClientCloses.Count > 0).WaitAsync(Timeout);
        g.Recorder.ReleaseSlowHandlers();
        await stopping;

        Assert.Equal(1000, Assert.Single(g.Emulator.Gateway.ClientCloses).Code);
        await HandledAsync(g, slow);
        Assert.Contains(g.Logs.GetSnapshot(), r => r.Id.Id == 2125);
        Assert.DoesNotContain(g.Logs.GetSnapshot(), r => r.Id.Id == 2126);
    }

    [Fact]
    public async Task Shutdown_waits_for_interactions_in_flight_no_longer_than_the_drain_timeout()
    {
        await using var g = await HostedGateway.StartAsync(
            services: s => s.PostConfigure<DiscordOptions>(o => o.ShutdownDrainTimeout = TimeSpan.FromMilliseconds(200)));
        await g.Emulator.Gateway.WaitForIdentifiesAsync().WaitAsync(Timeout);
        var stuck = HostedGateway.NextId();
        await g.Emulator.Gateway.DispatchAsync("INTERACTION_CREATE", HostedGateway.SlashCommand("slow", stuck));
        await g.Recorder.WaitForAsync($"started {stuck}");

        await g.Host.StopAsync(Timeout);

        Assert.Contains(g.Logs.GetSnapshot(), r => r.Id.Id == 2126);
        Assert.DoesNotContain(g.Recorder.Entries, e => e.StartsWith($"handled {stuck} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_throwing_handler_is_logged_with_its_command_and_the_next_interaction_still_runs()
    {
        await using var g = await HostedGateway.StartAsync();
        await g.Emulator.Gateway.WaitForIdentifiesAsync().WaitAsync(Timeout);
        ulong broken = HostedGateway.NextId(), next = HostedGateway.NextId();

        await g.Emulator.Gateway.DispatchAsync("INTERACTION_CREATE", HostedGateway.SlashCommand("boom", broken));
        await g.Emulator.Gateway.DispatchAsync("INTERACTION_CREATE", HostedGateway.SlashCommand("ping", next));
        await HandledAsync(g, next);

        var error = await g.WaitForLogAsync(r => r.Level == LogLevel.Error);
        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
        Assert.Contains(broken.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.Exception);
    }

    [Fact]
    public async Task A_duplicate_interaction_id_is_handled_once()
    {
        await using var g = await HostedGateway.StartAsync();
        await g.Emulator.Gateway.WaitForIdentifiesAsync().WaitAsync(Timeout);
        ulong twice = HostedGateway.NextId(), after = HostedGateway.NextId();

        await g.Emulator.Gateway.DispatchAsync("INTERACTION_CREATE", HostedGateway.SlashCommand("ping", twice));
        await g.Emulator.Gateway.DispatchAsync("INTERACTION_CREATE", HostedGateway.SlashCommand("ping", twice));
        await g.Emulator.Gateway.DispatchAsync("INTERACTION_CREATE", HostedGateway.SlashCommand("ping", after));
        await HandledAsync(g, after);
        await HandledAsync(g, twice);

        Assert.Single(g.Recorder.Entries, e => e.StartsWith($"handled {twice} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ready_guild_arrival_and_removal_and_channel_deletion_reach_every_event_handler_even_after_one_throws()
    {
        await using var g = await HostedGateway.StartAsync(services: s =>
        {
            s.AddScoped<IGatewayEventHandler, ThrowingEventHandler>();
            s.AddScoped<IGatewayEventHandler, RecordingEventHandler>();
        });

        await g.Recorder.WaitForAsync("ready");
        await g.Emulator.Gateway.DispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = "10", ["name"] = "Joined", ["unavailable"] = false });
        await g.Emulator.Gateway.DispatchAsync("GUILD_DELETE", new JsonObject { ["id"] = "11", ["unavailable"] = true });
        await g.Emulator.Gateway.DispatchAsync("GUILD_DELETE", new JsonObject { ["id"] = "12" });
        await g.Emulator.Gateway.DispatchAsync("CHANNEL_DELETE", new JsonObject { ["id"] = "13", ["guild_id"] = "12", ["type"] = 0 });
        await g.Recorder.WaitForAsync("channel 13");

        Assert.Equal(["ready", "guild 10 available", "guild 12", "channel 13"], g.Recorder.Entries);
        // Handlers run in order, so the throwing one has already been logged for each event.
        Assert.Equal(4, g.Logs.GetSnapshot().Count(r => r.Level == LogLevel.Error && r.Message.Contains(nameof(ThrowingEventHandler), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rejected_token_stops_the_host_with_a_failing_exit_code_one_clear_line_and_no_token_in_any_log()
    {
        const string token = "MTIz.not-the-right-token.XYZ987";
        await using var emulator = await DiscordEmulator.StartAsync(new EmulatorOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(150) });
        using var host = HostedGateway.Build(emulator, token);
        try
        {
            await host.StartAsync();
            await host.WaitForShutdownAsync().WaitAsync(Timeout);

            Assert.NotEqual(0, Environment.ExitCode);
        }
        finally
        {
            Environment.ExitCode = 0;
        }

        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        var critical = Assert.Single(logs, r => r.Level == LogLevel.Critical);
        Assert.Contains("Discord rejected the bot token (close 4004). Check Discord__Token.", critical.Message, StringComparison.Ordinal);
        Assert.Single(emulator.Gateway.ConnectedUrls);
        Assert.DoesNotContain(logs, r => r.Message.Contains(token, StringComparison.Ordinal)
            || (r.Exception?.ToString().Contains(token, StringComparison.Ordinal) ?? false)
            || r.StructuredState?.Any(kv => kv.Value?.Contains(token, StringComparison.Ordinal) ?? false) == true);
    }

    [Fact]
    public async Task Missing_token_fails_host_start_with_a_message_naming_Discord__Token()
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        using var host = HostedGateway.Build(emulator, token: null);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Discord__Token", error.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Gateway.ConnectedUrls);
    }

    private sealed class ThrowingEventHandler : IGatewayEventHandler
    {
        public Task OnReadyAsync(ReadyEvent ready, CancellationToken ct) => throw new InvalidOperationException("ready failed");
        public Task OnGuildAvailableAsync(ulong guildId, CancellationToken ct) => throw new InvalidOperationException("guild failed");
        public Task OnGuildRemovedAsync(ulong guildId, CancellationToken ct) => throw new InvalidOperationException("guild failed");
        public Task OnChannelDeletedAsync(ChannelDeleteEvent channel, CancellationToken ct) => throw new InvalidOperationException("channel failed");
    }

    private sealed class RecordingEventHandler(Recorder recorder) : IGatewayEventHandler
    {
        public Task OnReadyAsync(ReadyEvent ready, CancellationToken ct)
        {
            recorder.Add("ready");
            return Task.CompletedTask;
        }

        public Task OnGuildAvailableAsync(ulong guildId, CancellationToken ct)
        {
            recorder.Add($"guild {guildId} available");
            return Task.CompletedTask;
        }

        public Task OnGuildRemovedAsync(ulong guildId, CancellationToken ct)
        {
            recorder.Add($"guild {guildId}");
            return Task.CompletedTask;
        }

        public Task OnChannelDeletedAsync(ChannelDeleteEvent channel, CancellationToken ct)
        {
            recorder.Add($"channel {channel.Id}");
            return Task.CompletedTask;
        }
    }
}
