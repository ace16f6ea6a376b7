using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlePrep.Discord.Gateway;

/// <summary>Gateway opcodes the client sends or handles.</summary>
internal static class GatewayOpCode
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;
}

/// <summary>A received envelope: <c>{"op","d","s","t"}</c>; <c>s</c> and <c>t</c> are set for dispatches only.</summary>
internal sealed record GatewayPayload(int Op, JsonElement D, int? S, string? T);

/// <summary>An envelope the client sends. <c>d</c> is always written, as <c>null</c> in a first heartbeat.</summary>
internal sealed record GatewayFrame<T>(int Op, T D);

internal sealed record HelloData(int HeartbeatInterval);

internal sealed record IdentifyProperties(string Os, string Browser, string Device);

/// <summary>
/// Op 2. The token is sent raw, without the <c>Bot </c> prefix the HTTP API wants. <c>shard</c> is
/// <c>[shard_id, num_shards]</c>, left out for a single connection.
/// </summary>
internal sealed record IdentifyData(
    string Token,
    int Intents,
    IdentifyProperties Properties,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int[]? Shard = null);

internal sealed record ResumeData(string Token, string SessionId, int Seq);

/// <summary>Source-generated JSON for the gateway envelopes (the event bodies use <c>DiscordJsonContext</c>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(GatewayPayload))]
[JsonSerializable(typeof(GatewayFrame<int?>))]
[JsonSerializable(typeof(GatewayFrame<IdentifyData>))]
[JsonSerializable(typeof(GatewayFrame<ResumeData>))]
[JsonSerializable(typeof(HelloData))]
[JsonSerializable(typeof(int[]))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
