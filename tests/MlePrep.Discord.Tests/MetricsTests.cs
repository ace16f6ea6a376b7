using System.Diagnostics.Metrics;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Rest;
using MlePrep.Discord.Tests.Gateway;
using MlePrep.Discord.Tests.Rest;

namespace MlePrep.Discord.Tests;

[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>
/// The client's meter: REST responses and 429s by route and scope, gateway reconnects by reason, and the gateway's
/// readiness. Run alone: the meter is process-wide, and other tests would add to what is counted here.
/// </summary>
[Collection(nameof(MetricsTests))]
public sealed class MetricsTests : IDisposable
{
    private const string CreateMessageRoute = "POST /channels/{channel_id}/messages";

    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, Dictionary<string, string> Tags)> _seen = [];

    public MetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DiscordMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            lock (_seen)
            {
                _seen.Add((instrument.Name, tags.ToArray().ToDictionary(t => t.Key, t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture)!)));
            }
        });
        _listener.Start();
    }

    private List<Dictionary<string, string>> Seen(string instrument)
    {
        lock (_seen)
        {
            return _seen.Where(s => s.Instrument == instrument).Select(s => s.Tags).ToList();
        }
    }

    [Fact]
    public async Task Rest_responses_are_counted_by_route_and_status_and_429s_by_scope()
    {
        await using var h = await RestHarness.StartAsync();
        h.Emulator.Rest.ScriptFault(CreateMessageRoute, 1, EmulatorFault.RateLimit(EmulatedRateLimitScope.User, TimeSpan.FromMilliseconds(50)));

        await h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = "a" }, CancellationToken.None);

        Assert.Equal(["429", "200"], Seen("discord.rest.requests").Where(t => t["route"] == CreateMessageRoute).Select(t => t["status"]));
        var limited = Assert.Single(Seen("discord.rest.rate_limits"));
        Assert.Equal(CreateMessageRoute, limited["route"]);
        Assert.Equal("user", limited["scope"]);
    }

    [Fact]
    public async Task A_dropped_gateway_connection_is_counted_as_a_resumed_reconnect_and_readiness_follows_the_session()
    {
        await using var h = await GatewayHarness.StartAsync();
        await h.WaitForReadyAsync();
        Assert.True(h.Client.IsConnected);

        await h.Emulator.Gateway.DropConnectionAsync();
        await h.Emulator.Gateway.WaitForResumesAsync().WaitAsync(GatewayHarness.Timeout);

        var reconnect = Assert.Single(Seen("discord.gateway.reconnects"));
        Assert.Equal("dropped", reconnect["reason"]);
        Assert.Equal("True", reconnect["resume"]);
        // Ready again once RESUMED arrives.
        using var timeout = new CancellationTokenSource(GatewayHarness.Timeout);
        while (!h.Client.IsConnected)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public void Dispose() => _listener.Dispose();
}
