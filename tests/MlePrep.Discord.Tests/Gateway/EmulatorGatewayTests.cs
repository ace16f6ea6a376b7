using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Gateway;

namespace MlePrep.Discord.Tests.Gateway;

/// <summary>The emulator's side of PROTOCOL.md §7, checked with a bare WebSocket rather than the client.</summary>
public sealed class EmulatorGatewayTests : IAsyncLifetime
{
    private const string Identify = """{"op":2,"d":{"token":"emulator-bot-token","intents":1,"properties":{"os":"linux","browser":"t","device":"t"}}}""";
    private readonly List<ulong> _guilds = [];
    private DiscordEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await DiscordEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Gateway_bot_requires_the_bot_authorization_and_returns_the_websocket_url_and_start_limit()
    {
        using var http = new HttpClient();
        var url = new Uri(_emulator.ApiBaseUrl + "/gateway/bot");

        var unauthorized = await http.GetAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bot", _emulator.Options.BotToken);
        var authorized = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("""{"message":"401: Unauthorized","code":0}""", await unauthorized.Content.ReadAsStringAsync());
        var body = JsonNode.Parse(await authorized.Content.ReadAsStringAsync())!;
        Assert.Equal(_emulator.Gateway.GatewayUrl.ToString(), body["url"]!.GetValue<string>());
        Assert.Equal(1, body["shards"]!.GetValue<int>());
        Assert.Equal(1000, body["session_start_limit"]!["remaining"]!.GetValue<int>());
        Assert.Equal(1, body["session_start_limit"]!["max_concurrency"]!.GetValue<int>());
    }

    [Fact]
    public async Task Other_api_versions_are_closed_with_4012()
    {
        using var socket = await ConnectAsync("?v=9&encoding=json", expectHello: false);
        Assert.Equal(4012, await ReadUntilCloseAsync(socket));
    }

    [Fact]
    public async Task Payload_before_identify_is_closed_with_4003()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, """{"op":3,"d":{"since":null,"activities":[],"status":"online","afk":false}}""");
        Assert.Equal(4003, await ReadUntilCloseAsync(socket));
    }

    [Fact]
    public async Task A_second_identify_is_closed_with_4005()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, Identify);
        await SendAsync(socket, Identify);
        Assert.Equal(4005, await ReadUntilCloseAsync(socket));
    }

    [Fact]
    public async Task A_frame_over_4096_bytes_is_closed_with_4002()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, $$"""{"op":1,"d":null,"pad":"{{new string('x', 4100)}}"}""");
        Assert.Equal(4002, await ReadUntilCloseAsync(socket));
    }

    [Fact]
    public async Task More_than_120_frames_a_minute_is_closed_with_4008()
    {
        using var socket = await ConnectAsync();
        for (var i = 0; i < 121; i++)
        {
            await SendAsync(socket, """{"op":1,"d":null}""");
        }
        Assert.Equal(4008, await ReadUntilCloseAsync(socket));
    }

    [Fact]
    public async Task Ready_lists_guilds_unavailable_then_guild_create_follows_with_increasing_sequence()
    {
        _emulator.Rest.AddGuild("study group");
        using var socket = await ConnectAsync();
        await SendAsync(socket, Identify);

        var ready = await ReceiveAsync(socket);
        var guildCreate = await ReceiveAsync(socket);

        Assert.Equal("READY", ready["t"]!.GetValue<string>());
        Assert.Equal(1, ready["s"]!.GetValue<int>());
        Assert.Equal(10, ready["d"]!["v"]!.GetValue<int>());
        Assert.True(ready["d"]!["guilds"]![0]!["unavailable"]!.GetValue<bool>());
        Assert.Equal(_emulator.Gateway.ResumeGatewayUrl.ToString(), ready["d"]!["resume_gateway_url"]!.GetValue<string>());
        Assert.Equal("GUILD_CREATE", guildCreate["t"]!.GetValue<string>());
        Assert.Equal(2, guildCreate["s"]!.GetValue<int>());
        Assert.Equal("study group", guildCreate["d"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resume_of_a_session_closed_with_1000_gets_invalid_session_false()
    {
        using var first = await ConnectAsync();
        await SendAsync(first, Identify);
        var sessionId = (await ReceiveAsync(first))["d"]!["session_id"]!.GetValue<string>();
        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        using var second = await ConnectAsync(path: "gateway-resume");
        await SendAsync(second, $$$"""{"op":6,"d":{"token":"emulator-bot-token","session_id":"{{{sessionId}}}","seq":1}}""");
        var answer = await ReceiveAsync(second);

        Assert.Equal(9, answer["op"]!.GetValue<int>());
        Assert.False(answer["d"]!.GetValue<bool>());
    }

    private static string IdentifyAs(string shard) =>
        $$$"""{"op":2,"d":{"token":"emulator-bot-token","intents":1,"properties":{"os":"linux","browser":"t","device":"t"},"shard":{{{shard}}}}}""";

    /// <summary>Adds guilds until one lands on <paramref name="shard"/> of <paramref name="count"/> (ids follow the clock).</summary>
    private ulong GuildOnShard(int shard, int count)
    {
        while (true)
        {
            var id = _emulator.Rest.AddGuild($"guild on shard {shard}");
            _guilds.Add(id);
            if (EmulatorGateway.ShardOf(id, count) == shard)
            {
                return id;
            }
            // The shard follows the id's millisecond: wait for the next one rather than add many guilds in this one.
            Thread.Sleep(1);
        }
    }

    [Theory]
    [InlineData("[1,1]")]
    [InlineData("[2,2]")]
    [InlineData("[-1,2]")]
    [InlineData("[0,0]")]
    [InlineData("[0]")]
    [InlineData("[0,1,2]")]
    [InlineData("\"0,1\"")]
    [InlineData("[\"0\",\"1\"]")]
    public async Task Identify_with_an_invalid_shard_is_closed_with_4010(string shard)
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, IdentifyAs(shard));
        Assert.Equal(4010, await ReadUntilCloseAsync(socket));
    }

    [Fact]
    public async Task A_connection_that_would_carry_more_guilds_than_the_threshold_is_closed_with_4011_and_enough_shards_get_in()
    {
        _emulator.Options.ShardingRequiredAbove = 1;
        _emulator.Options.MaxConcurrency = 16;
        GuildOnShard(0, 2);
        GuildOnShard(1, 2);

        using var unsharded = await ConnectAsync();
        await SendAsync(unsharded, Identify);
        Assert.Equal(4011, await ReadUntilCloseAsync(unsharded));

        // Two shards, each within the threshold: shard 0's READY lists only its own guilds.
        _emulator.Options.ShardingRequiredAbove = _guilds.GroupBy(g => EmulatorGateway.ShardOf(g, 2)).Max(g => g.Count());
        using var zero = await ConnectAsync();
        await SendAsync(zero, IdentifyAs("[0,2]"));
        var ready = (await ReceiveAsync(zero))["d"]!;
        Assert.Equal("[0,2]", ready["shard"]!.ToJsonString());
        Assert.NotEmpty(ready["guilds"]!.AsArray());
        Assert.All(ready["guilds"]!.AsArray(), g => Assert.Equal(0, EmulatorGateway.ShardOf(ulong.Parse(g!["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), 2)));
    }

    [Fact]
    public async Task Guild_events_and_interactions_reach_only_the_owning_shard_and_events_without_a_guild_shard_0()
    {
        _emulator.Options.MaxConcurrency = 2;
        var guild0 = GuildOnShard(0, 2);
        var guild1 = GuildOnShard(1, 2);
        using var zero = await ConnectAsync();
        using var one = await ConnectAsync();
        await SendAsync(zero, IdentifyAs("[0,2]"));
        await SendAsync(one, IdentifyAs("[1,2]"));
        await _emulator.Gateway.WaitForIdentifiesAsync(2).WaitAsync(GatewayHarness.Timeout);
        async Task<List<string>> DispatchesAsync(ClientWebSocket socket, int count)
        {
            List<string> seen = [];
            while (seen.Count < count)
            {
                var frame = await ReceiveAsync(socket);
                if (frame["t"]?.GetValue<string>() is "TEST" && frame["d"]!["tag"] is { } tag)
                {
                    seen.Add(tag.GetValue<string>());
                }
            }
            return seen;
        }
        string Id(ulong id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await _emulator.Gateway.DispatchAsync("TEST", new JsonObject { ["tag"] = "guild 1", ["guild_id"] = Id(guild1) });
        await _emulator.Gateway.DispatchAsync("TEST", new JsonObject { ["tag"] = "direct message" });
        await _emulator.Gateway.DispatchAsync("TEST", new JsonObject { ["tag"] = "guild 0", ["guild_id"] = Id(guild0) });
        await _emulator.Gateway.DispatchAsync("TEST", new JsonObject { ["tag"] = "guild 1 again", ["guild_id"] = Id(guild1) });

        Assert.Equal(["direct message", "guild 0"], await DispatchesAsync(zero, 2));
        Assert.Equal(["guild 1", "guild 1 again"], await DispatchesAsync(one, 2));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 0)]
    public async Task An_identify_sooner_than_five_seconds_after_another_of_its_rate_limit_key_gets_op_9_and_is_recorded(int maxConcurrency, int faults)
    {
        _emulator.Options.MaxConcurrency = maxConcurrency;
        using var zero = await ConnectAsync();
        using var one = await ConnectAsync();
        await SendAsync(zero, IdentifyAs("[0,2]"));
        Assert.Equal("READY", (await ReceiveAsync(zero))["t"]!.GetValue<string>());

        await SendAsync(one, IdentifyAs("[1,2]"));
        var answer = await ReceiveAsync(one);

        Assert.Equal(faults == 1 ? 9 : 0, answer["op"]!.GetValue<int>());
        Assert.Equal(faults, _emulator.Gateway.IdentifyFaults.Count);
        Assert.All(_emulator.Gateway.IdentifyFaults, f => Assert.Equal((1, 0), (f.Shard.Id, f.Key)));
    }

    [Fact]
    public async Task Gateway_bot_recommends_shards_for_the_guilds_and_reports_the_configured_max_concurrency()
    {
        _emulator.Options.GuildsPerRecommendedShard = 2;
        _emulator.Options.MaxConcurrency = 16;
        for (var i = 0; i < 5; i++)
        {
            _emulator.Rest.AddGuild();
        }
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_emulator.ApiBaseUrl + "/gateway/bot"));
        request.Headers.Authorization = new("Bot", _emulator.Options.BotToken);

        var body = JsonNode.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync())!;

        Assert.Equal(3, body["shards"]!.GetValue<int>());
        Assert.Equal(16, body["session_start_limit"]!["max_concurrency"]!.GetValue<int>());
    }

    private async Task<ClientWebSocket> ConnectAsync(string query = "?v=10&encoding=json", bool expectHello = true, string path = "gateway")
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(new UriBuilder(_emulator.BaseUrl) { Scheme = "ws", Path = path }.Uri, query), CancellationToken.None);
        if (expectHello)
        {
            var hello = await ReceiveAsync(socket);
            Assert.Equal(10, hello["op"]!.GetValue<int>());
        }
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonNode> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(GatewayHarness.Timeout);
        var buffer = new byte[65536];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);
        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        return JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, length))!;
    }

    private static async Task<int?> ReadUntilCloseAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(GatewayHarness.Timeout);
        var buffer = new byte[65536];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (int?)socket.CloseStatus;
            }
        }
    }
}
