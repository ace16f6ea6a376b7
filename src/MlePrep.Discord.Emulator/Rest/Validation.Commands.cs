using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>Application command and autocomplete rules.</summary>
internal static partial class Validation
{
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
