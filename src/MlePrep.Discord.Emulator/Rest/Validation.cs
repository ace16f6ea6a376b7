using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>Discord's documented limits on message, modal and command bodies (PROTOCOL.md §2.4, §3.2).</summary>
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

    /// <summary>The <c>data</c> of a MODAL callback.</summary>
    public static void Modal(JsonNode? data, FormErrors e)
    {
        e.Length("data.custom_id", data.Str("custom_id"), 1, 100);
        e.Length("data.title", data.Str("title"), 1, 45);
        var components = data.Arr("components");
        if (components is null || components.Count is < 1 or > 5)
        {
            e.Add("data.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
            return;
        }
        var customIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, component) in components.Items())
        {
            var p = $"data.components.{i}";
            switch (component.Int("type"))
            {
                case 1:
                    var inputs = component.Arr("components");
                    if (inputs is not { Count: 1 })
                    {
                        e.Add($"{p}.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 1 in length.");
                        break;
                    }
                    TextInput(inputs[0], $"{p}.components.0", e, customIds);
                    break;
                case 18:
                    e.Length($"{p}.label", component.Str("label"), 1, 45);
                    e.Length($"{p}.description", component.Str("description"), 1, 100, required: false);
                    var child = component.Obj("component");
                    if (child is null)
                    {
                        e.Add($"{p}.component", "BASE_TYPE_REQUIRED", "This field is required");
                    }
                    else if (child.Int("type") == 4)
                    {
                        TextInput(child, $"{p}.component", e, customIds);
                    }
                    else
                    {
                        CustomId(child, $"{p}.component", e, customIds, required: true);
                    }
                    break;
                case 10:
                    e.Length($"{p}.content", component.Str("content"), 1, 4000);
                    break;
                default:
                    e.Add($"{p}.type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1, 10, 18).");
                    break;
            }
        }
    }

    private static void TextInput(JsonNode? input, string p, FormErrors e, HashSet<string> customIds)
    {
        if (input.Int("type") != 4)
        {
            e.Add($"{p}.type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (4,).");
            return;
        }
        CustomId(input, p, e, customIds, required: true);
        if (input.Int("style") is not (1 or 2))
        {
            e.Add($"{p}.style", "BASE_TYPE_CHOICES", "Value must be one of (1, 2).");
        }
        e.Length($"{p}.label", input.Str("label"), 1, 45, required: false);
        e.MaxLength($"{p}.value", input.Str("value"), 4000);
        e.MaxLength($"{p}.placeholder", input.Str("placeholder"), 100);
        var min = input.Int("min_length");
        var max = input.Int("max_length");
        if (min is < 0 or > 4000)
        {
            e.Add($"{p}.min_length", "NUMBER_TYPE_MAX", "int value should be between 0 and 4000.");
        }
        if (max is < 1 or > 4000)
        {
            e.Add($"{p}.max_length", "NUMBER_TYPE_MAX", "int value should be between 1 and 4000.");
        }
        if (min is not null && max is not null && min > max)
        {
            e.Add($"{p}.min_length", "TEXT_INPUT_MIN_GREATER_THAN_MAX", "min_length must be less than or equal to max_length.");
        }
    }

    /// <summary>The <c>data</c> of an autocomplete result.</summary>
    public static void AutocompleteChoices(JsonNode? data, FormErrors e) => Choices(data.Arr("choices"), "data.choices", e, required: true);

    private static void Choices(JsonArray? choices, string p, FormErrors e, bool required)
    {
        if (choices is null)
        {
            if (required)
            {
                e.Add(p, "BASE_TYPE_REQUIRED", "This field is required");
            }
            return;
        }
        if (choices.Count > 25)
        {
            e.Add(p, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
        }
        foreach (var (i, choice) in choices.Items())
        {
            e.Length($"{p}.{i}.name", choice.Str("name"), 1, 100);
            if (choice?["value"] is not JsonValue value)
            {
                e.Add($"{p}.{i}.value", "BASE_TYPE_REQUIRED", "This field is required");
            }
            else if (value.GetValueKind() == JsonValueKind.String)
            {
                e.MaxLength($"{p}.{i}.value", value.GetValue<string>(), 100);
            }
        }
    }

    [GeneratedRegex(@"^[-_'\p{L}\p{N}]{1,32}$")]
    private static partial Regex ChatInputName();

    /// <summary>A bulk-overwrite body (the per-type caps are checked by the caller: they answer 30032, not 50035).</summary>
    public static void Commands(JsonArray commands, FormErrors e)
    {
        var names = new HashSet<(long, string)>();
        foreach (var (i, command) in commands.Items())
        {
            var type = command.Int("type") ?? 1;
            var name = command.Str("name");
            if (type == 1)
            {
                Name($"{i}.name", name, e);
                e.Length($"{i}.description", command.Str("description"), 1, 100);
                Options(command.Arr("options"), $"{i}.options", depth: 0, e);
            }
            else
            {
                e.Length($"{i}.name", name, 1, 32);
                if (command.Str("description") is { Length: > 0 })
                {
                    e.Add($"{i}.description", "APPLICATION_COMMAND_DESCRIPTION_INVALID", "User and message commands cannot have a description.");
                }
            }
            if (name is not null && !names.Add((type, name)))
            {
                e.Add($"{i}.name", "APPLICATION_COMMANDS_DUPLICATE_NAME", $"Application command names must be unique: {name}");
            }
            if (command?["default_member_permissions"] is JsonValue permissions
                && (permissions.GetValueKind() != JsonValueKind.String || !ulong.TryParse(permissions.GetValue<string>(), out _)))
            {
                e.Add($"{i}.default_member_permissions", "BASE_TYPE_INVALID", "Permissions must be a string holding an integer.");
            }
            Subset(command.Arr("contexts"), [0, 1, 2], $"{i}.contexts", e);
            Subset(command.Arr("integration_types"), [0, 1], $"{i}.integration_types", e);
        }
    }

    private static void Name(string p, string? name, FormErrors e)
    {
        if (name is null)
        {
            e.Add(p, "BASE_TYPE_REQUIRED", "This field is required");
        }
        else if (!ChatInputName().IsMatch(name) || name != name.ToLowerInvariant())
        {
            e.Add(p, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
        }
    }

    // depth 0: the command's options; 1: a group's or sub-command's; 2: a grouped sub-command's.
    private static void Options(JsonArray? options, string p, int depth, FormErrors e)
    {
        if (options is null)
        {
            return;
        }
        if (options.Count > 25)
        {
            e.Add(p, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var seenOptional = false;
        var subCommands = options.Count(o => o.Int("type") is 1 or 2);
        if (subCommands > 0 && subCommands < options.Count)
        {
            e.Add(p, "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Sub-command and sub-command group option types are mutually exclusive to all other types");
        }
        foreach (var (i, option) in options.Items())
        {
            var op = $"{p}.{i}";
            var type = option.Int("type");
            var name = option.Str("name");
            Name($"{op}.name", name, e);
            e.Length($"{op}.description", option.Str("description"), 1, 100);
            if (name is not null && !names.Add(name))
            {
                e.Add($"{op}.name", "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS", "Option names must be unique");
            }
            switch (type)
            {
                case 2 when depth == 0:
                    var group = option.Arr("options");
                    if (group is not null && group.Any(o => o.Int("type") != 1))
                    {
                        e.Add($"{op}.options", "APPLICATION_COMMAND_OPTION_TYPE_INVALID", "A sub-command group may only contain sub-commands");
                    }
                    Options(group, $"{op}.options", 1, e);
                    continue;
                case 1 when depth <= 1:
                    var leaves = option.Arr("options");
                    if (leaves is not null && leaves.Any(o => o.Int("type") is 1 or 2))
                    {
                        e.Add($"{op}.options", "APPLICATION_COMMAND_OPTION_TYPE_INVALID", "A sub-command cannot contain sub-commands");
                    }
                    Options(leaves, $"{op}.options", 2, e);
                    continue;
                case 1 or 2:
                    e.Add($"{op}.type", "APPLICATION_COMMAND_OPTION_TYPE_INVALID", "Sub-commands are nested too deeply");
                    continue;
                case null or < 3 or > 11:
                    e.Add($"{op}.type", "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).");
                    continue;
            }
            var required = option.Bool("required") == true;
            if (required && seenOptional)
            {
                e.Add($"{op}.required", "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options");
            }
            seenOptional |= !required;
            var choices = option.Arr("choices");
            if (choices is not null && type is not (3 or 4 or 10))
            {
                e.Add($"{op}.choices", "BASE_TYPE_INVALID", "Choices are only valid for STRING, INTEGER and NUMBER options.");
            }
            if (choices is { Count: > 0 } && option.Bool("autocomplete") == true)
            {
                e.Add($"{op}.autocomplete", "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID", "Autocomplete cannot be set together with choices");
            }
            Choices(choices, $"{op}.choices", e, required: false);
            if (option.Int("min_length") is < 0 or > 6000)
            {
                e.Add($"{op}.min_length", "NUMBER_TYPE_MAX", "int value should be between 0 and 6000.");
            }
            if (option.Int("max_length") is < 1 or > 6000)
            {
                e.Add($"{op}.max_length", "NUMBER_TYPE_MAX", "int value should be between 1 and 6000.");
            }
        }
    }

    private static void Subset(JsonArray? values, int[] allowed, string p, FormErrors e)
    {
        foreach (var (i, value) in values.Items())
        {
            if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !allowed.Contains(v.GetValue<int>()))
            {
                e.Add($"{p}.{i}", "BASE_TYPE_CHOICES", $"Value must be one of ({string.Join(", ", allowed)}).");
            }
        }
    }
}
