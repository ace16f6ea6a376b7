using System.Globalization;
using System.Text.Json.Nodes;

namespace MlePrep.Discord.Emulator.Gateway;

/// <summary>
/// Sharding as Discord's "Sharding" topic describes it: Identify's <c>shard</c> checked (4010), 4011 for a connection that
/// would carry too many guilds, guild events routed to shard <c>(guild_id &gt;&gt; 22) % num_shards</c> and everything
/// without a guild to shard 0, and the identify rate limit per key <c>shard_id % max_concurrency</c> ("Max Concurrency").
/// </summary>
public sealed partial class EmulatorGateway
{
    // Two identifies reach the server a little closer together than they were sent when the first one's trip was slower;
    // here the trip includes the emulator's own receive loop, which a loaded machine can delay by a tenth of a second.
    private static readonly TimeSpan ReceiveSkew = TimeSpan.FromMilliseconds(150);

    private readonly Dictionary<int, DateTimeOffset> _lastIdentifyByKey = [];
    private readonly List<IdentifyFault> _identifyFaults = [];
    private readonly List<EmulatedShard> _identifiedShards = [];
    private readonly List<Delivery> _deliveries = [];

    /// <summary>Identifies that came sooner than the identify window after another of the same rate-limit key (answered with op 9).</summary>
    public IReadOnlyList<IdentifyFault> IdentifyFaults
    {
        get { lock (_lock) { return [.. _identifyFaults]; } }
    }

    /// <summary>The shard of every session started with Identify, in order (<c>[0, 1]</c> when Identify had no <c>shard</c>).</summary>
    public IReadOnlyList<EmulatedShard> IdentifiedShards
    {
        get { lock (_lock) { return [.. _identifiedShards]; } }
    }

    /// <summary>Every dispatch sent through <see cref="DispatchAsync"/>: which event (and <c>d.id</c>) went to which session's shard.</summary>
    public IReadOnlyList<Delivery> Deliveries
    {
        get { lock (_lock) { return [.. _deliveries]; } }
    }

    /// <summary>Discord's sharding formula.</summary>
    public static int ShardOf(ulong guildId, int shardCount) => (int)((guildId >> 22) % (ulong)shardCount);

    /// <summary>The shards GET /gateway/bot recommends for the guilds the bot is in.</summary>
    private int RecommendedShards() =>
        Math.Max(1, (Rest.GuildList().Count + Options.GuildsPerRecommendedShard - 1) / Math.Max(1, Options.GuildsPerRecommendedShard));

    /// <summary>Identify's <c>shard</c>: absent or null is <c>[0, 1]</c>; anything but <c>[id, count]</c> with 0 ≤ id &lt; count is invalid.</summary>
    private static EmulatedShard? ReadShard(JsonNode? shard)
    {
        if (shard is null)
        {
            return new EmulatedShard(0, 1, Sent: false);
        }
        return shard is JsonArray { Count: 2 } pair
            && pair[0] is JsonValue idValue && idValue.TryGetValue<int>(out var id)
            && pair[1] is JsonValue countValue && countValue.TryGetValue<int>(out var count)
            && count >= 1 && id >= 0 && id < count
            ? new EmulatedShard(id, count, Sent: true)
            : null;
    }

    /// <summary>Takes the identify slot of the shard's rate-limit key, or records a fault when it is taken. Caller holds _lock.</summary>
    private bool TryTakeIdentifySlot(EmulatorConnection connection, EmulatedShard shard, DateTimeOffset now)
    {
        var key = shard.Id % Math.Max(1, Options.MaxConcurrency);
        if (_lastIdentifyByKey.TryGetValue(key, out var last) && now - last < Options.IdentifyWindow - ReceiveSkew)
        {
            _identifyFaults.Add(new IdentifyFault(connection.Id, shard, key, now - last, now));
            return false;
        }
        _lastIdentifyByKey[key] = now;
        return true;
    }

    private void RecordDelivery(string eventName, JsonNode? payload, EmulatorSession session)
    {
        var id = payload is JsonObject { } body && body["id"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        lock (_lock)
        {
            _deliveries.Add(new Delivery(eventName, id, session.Id, session.Shard));
        }
    }

    /// <summary>The shard a dispatch belongs to: its guild's, or shard 0 for events without one (DMs).</summary>
    private static ulong? GuildOf(string eventName, JsonNode? payload)
    {
        var id = payload is JsonObject body
            ? body["guild_id"] ?? (eventName.StartsWith("GUILD_", StringComparison.Ordinal) ? body["id"] : null)
            : null;
        return id is JsonValue value && value.TryGetValue<string>(out var text)
            && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var guildId)
            ? guildId
            : null;
    }
}

/// <summary>A session's shard: <c>[Id, Count]</c>, and whether Identify sent it (READY echoes it only then).</summary>
public sealed record EmulatedShard(int Id, int Count, bool Sent)
{
    /// <summary>Whether a dispatch for <paramref name="guildId"/> (null: no guild) goes to this shard.</summary>
    public bool Receives(ulong? guildId) => guildId is { } id ? EmulatorGateway.ShardOf(id, Count) == Id : Id == 0;
}

/// <summary>A dispatch handed to one session: the event, its <c>d.id</c> (an interaction's id), the session and its shard.</summary>
public sealed record Delivery(string EventName, string? Id, string SessionId, EmulatedShard Shard);

/// <summary>An Identify sent only <paramref name="SinceLast"/> after the previous one of rate-limit key <paramref name="Key"/>.</summary>
public sealed record IdentifyFault(int ConnectionId, EmulatedShard Shard, int Key, TimeSpan SinceLast, DateTimeOffset At);
