using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>Tolerant readers over request JSON: a wrong type reads as absent, the validators report it.</summary>
internal static class Json
{
    public static string? Str(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long? Int(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static bool? Bool(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    public static JsonArray? Arr(this JsonNode? node, string name) => node is JsonObject o ? o[name] as JsonArray : null;

    public static JsonObject? Obj(this JsonNode? node, string name) => node is JsonObject o ? o[name] as JsonObject : null;

    public static bool Has(this JsonNode? node, string name) => node is JsonObject o && o[name] is not null;

    public static IEnumerable<(int Index, JsonNode? Item)> Items(this JsonArray? array) =>
        array is null ? [] : array.Select((item, i) => (i, item));

    public static JsonNode? Clone(this JsonNode? node) => node?.DeepClone();
}
