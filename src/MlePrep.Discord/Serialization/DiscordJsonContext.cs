using System.Text.Json.Serialization;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Discord.Serialization;

/// <summary>Source-generated JSON for every payload the client reads or writes (snake_case, nulls left out).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SnowflakeConverter)])]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(ReadyEvent))]
[JsonSerializable(typeof(UnavailableGuild))]
[JsonSerializable(typeof(ChannelDeleteEvent))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(ApplicationCommand[]))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationCommand>))]
[JsonSerializable(typeof(ThreadCreate))]
[JsonSerializable(typeof(PartialChannel))]
[JsonSerializable(typeof(GatewayBotInfo))]
[JsonSerializable(typeof(DiscordErrorBody))]
[JsonSerializable(typeof(RateLimitedBody))]
public sealed partial class DiscordJsonContext : JsonSerializerContext;
