using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>
/// Discord's documented limits on message, modal and command bodies (PROTOCOL.md §2.4, §3.2). This part: message bodies
/// (content, embeds, components, allowed mentions, flags); the modal and command rules are in the other parts.
/// </summary>
internal static partial class Validation
{
    public const int SuppressEmbeds = 1 << 2;
    public const int Ephemeral = 1 << 6;
    public const int SuppressNotifications = 1 << 12;
    public const int VoiceMessage = 1 << 13;
    public const int ComponentsV2 = 1 << 15;

    /// <summary>Flags a channel message may be created with (Create Message docs).</summary>
    public const int ChannelMessageFlags = SuppressEmbeds | SuppressNotifications | VoiceMessage | ComponentsV2;

    /// <summary>Flags an interaction reply or follow-up may carry.</summary>
    public const int InteractionMessageFlags = ChannelMessageFlags | Ephemeral;

    /// <summary>Flags an edit may set.</summary>
    public const int EditFlags = SuppressEmbeds | ComponentsV2;

    private static readonly string[] MentionTypes = ["roles", "users", "everyone"];

    /// <summary>The body names none of content, embeds, components, stickers, attachments, poll.</summary>
    public static bool IsEmpty(JsonNode? body) =>
        string.IsNullOrEmpty(body.Str("content")) && (body.Arr("embeds")?.Count ?? 0) == 0 && (body.Arr("components")?.Count ?? 0) == 0
        && (body.Arr("sticker_ids")?.Count ?? 0) == 0 && (body.Arr("attachments")?.Count ?? 0) == 0 && !body.Has("poll");

    public static void Message(JsonNode? body, FormErrors e, int allowedFlags, bool allowNonce)
    {
        if (body is not JsonObject)
        {
            e.Add("", "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
            return;
        }
        e.MaxLength("content", body.Str("content"), 2000);
        var flags = body.Int("flags") ?? 0;
        if ((flags & ~allowedFlags) != 0)
        {
            e.Add("flags", "MESSAGE_FLAGS_INVALID", "Invalid flags for this message.");
        }
        if ((flags & ComponentsV2) != 0 && (body.Has("content") || (body.Arr("embeds")?.Count ?? 0) > 0))
        {
            e.Add("content", "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2", "The 'content' and 'embeds' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2");
        }
        if (body.Has("nonce"))
        {
            if (!allowNonce)
            {
                e.Add("nonce", "BASE_TYPE_INVALID", "Unknown field.");
            }
            else if (body["nonce"] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                e.MaxLength("nonce", v.GetValue<string>(), 25);
            }
            else if (body.Int("nonce") is null)
            {
                e.Add("nonce", "BASE_TYPE_INVALID", "Nonce must be an integer or a string.");
            }
        }
        AllowedMentions(body.Obj("allowed_mentions"), e);
        Embeds(body.Arr("embeds"), e);
        if ((flags & ComponentsV2) == 0)
        {
            Components(body.Arr("components"), e);
        }
    }

    private static void AllowedMentions(JsonObject? mentions, FormErrors e)
    {
        foreach (var (i, item) in mentions.Arr("parse").Items())
        {
            if (item is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !MentionTypes.Contains(v.GetValue<string>()))
            {
                e.Add($"allowed_mentions.parse.{i}", "BASE_TYPE_CHOICES", "Value must be one of ('roles', 'users', 'everyone').");
            }
        }
    }

    private static void Embeds(JsonArray? embeds, FormErrors e)
    {
        if (embeds is null)
        {
            return;
        }
        if (embeds.Count > 10)
        {
            e.Add("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
        }
        var total = 0;
        foreach (var (i, embed) in embeds.Items())
        {
            var p = $"embeds.{i}";
            var title = embed.Str("title");
            var description = embed.Str("description");
            var footer = embed.Obj("footer").Str("text");
            var author = embed.Obj("author").Str("name");
            e.MaxLength($"{p}.title", title, 256);
            e.MaxLength($"{p}.description", description, 4096);
            e.MaxLength($"{p}.footer.text", footer, 2048);
            e.MaxLength($"{p}.author.name", author, 256);
            total += (title?.Length ?? 0) + (description?.Length ?? 0) + (footer?.Length ?? 0) + (author?.Length ?? 0);
            var fields = embed.Arr("fields");
            if (fields is { Count: > 25 })
            {
                e.Add($"{p}.fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
            }
            foreach (var (j, field) in fields.Items())
            {
                // Discord treats an empty name or value like a missing one ("This field is required").
                e.Length($"{p}.fields.{j}.name", NullIfEmpty(field.Str("name")), 1, 256);
                e.Length($"{p}.fields.{j}.value", NullIfEmpty(field.Str("value")), 1, 1024);
                total += (field.Str("name")?.Length ?? 0) + (field.Str("value")?.Length ?? 0);
            }
        }
        if (total > 6000)
        {
            e.Add("embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static void Components(JsonArray? rows, FormErrors e)
    {
        if (rows is null)
        {
            return;
        }
        if (rows.Count > 5)
        {
            e.Add("components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
        }
        var customIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, row) in rows.Items())
        {
            var p = $"components.{i}";
            if (row.Int("type") != 1)
            {
                e.Add($"{p}.type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1,).");
                continue;
            }
            var children = row.Arr("components");
            if (children is null || children.Count is < 1 or > 5)
            {
                e.Add($"{p}.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
                continue;
            }
            var selects = children.Count(c => c.Int("type") is 3 or 5 or 6 or 7 or 8);
            if (selects > 0 && children.Count > 1)
            {
                e.Add($"{p}.components", "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width");
            }
            foreach (var (j, child) in children.Items())
            {
                var cp = $"{p}.components.{j}";
                switch (child.Int("type"))
                {
                    case 2:
                        Button(child, cp, e, customIds);
                        break;
                    case 3 or 5 or 6 or 7 or 8:
                        CustomId(child, cp, e, customIds, required: true);
                        e.MaxLength($"{cp}.placeholder", child.Str("placeholder"), 150);
                        if (child.Int("type") == 3)
                        {
                            e.Count($"{cp}.options", child.Arr("options")?.Count ?? 0, 1, 25);
                        }
                        break;
                    default:
                        e.Add($"{cp}.type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (2, 3, 5, 6, 7, 8).");
                        break;
                }
            }
        }
    }

    private static void Button(JsonNode? button, string p, FormErrors e, HashSet<string> customIds)
    {
        e.MaxLength($"{p}.label", button.Str("label"), 80);
        var style = button.Int("style");
        if (style is null or < 1 or > 6)
        {
            e.Add($"{p}.style", "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3, 4, 5, 6).");
            return;
        }
        if (style == 5)
        {
            if (button.Str("url") is not { Length: > 0 } url)
            {
                e.Add($"{p}.url", "BASE_TYPE_REQUIRED", "This field is required");
            }
            else
            {
                e.MaxLength($"{p}.url", url, 512);
            }
            if (button.Has("custom_id"))
            {
                e.Add($"{p}.custom_id", "BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED", "A custom id cannot be set on a link button.");
            }
            return;
        }
        if (button.Has("url"))
        {
            e.Add($"{p}.url", "BUTTON_COMPONENT_URL_NOT_ALLOWED", "A url can only be set on a link button.");
        }
        if (style != 6)
        {
            CustomId(button, p, e, customIds, required: true);
        }
    }

    private static void CustomId(JsonNode? component, string p, FormErrors e, HashSet<string> customIds, bool required)
    {
        var id = component.Str("custom_id");
        e.Length($"{p}.custom_id", id, 1, 100, required);
        if (id is not null && !customIds.Add(id))
        {
            e.Add($"{p}.custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated");
        }
    }
}
