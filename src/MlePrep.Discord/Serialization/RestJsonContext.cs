using System.Text.Json.Serialization;
using MlePrep.Discord.Rest;

namespace MlePrep.Discord.Serialization;

/// <summary>The client's internal request bodies, with the same wire conventions as <see cref="DiscordJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SnowflakeConverter)])]
[JsonSerializable(typeof(MessageCreateBody))]
[JsonSerializable(typeof(MessageEditBody))]
[JsonSerializable(typeof(CommandUpdateBody[]))]
internal sealed partial class RestJsonContext : JsonSerializerContext;
