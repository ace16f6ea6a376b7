using System.Text.Json.Nodes;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>Modal callback rules.</summary>
internal static partial class Validation
{
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
                    else if (child.Int("type") == 3)
                    {
                        ModalSelect(child, $"{p}.component", e, customIds);
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

    // SPEC StringSelectComponentForModalRequest and StringSelectOptionForRequest: options 1–25 with label and value 1–100,
    // description ≤ 100; placeholder ≤ 150; min_values 0–25, max_values 1–25; no more defaults than max_values allows.
    private static void ModalSelect(JsonNode? select, string p, FormErrors e, HashSet<string> customIds)
    {
        CustomId(select, p, e, customIds, required: true);
        e.MaxLength($"{p}.placeholder", select.Str("placeholder"), 150);
        var options = select.Arr("options");
        e.Count($"{p}.options", options?.Count ?? 0, 1, 25);
        var min = select.Int("min_values");
        var max = select.Int("max_values");
        if (min is < 0 or > 25)
        {
            e.Add($"{p}.min_values", "NUMBER_TYPE_MAX", "int value should be between 0 and 25.");
        }
        if (max is < 1 or > 25)
        {
            e.Add($"{p}.max_values", "NUMBER_TYPE_MAX", "int value should be between 1 and 25.");
        }
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, option) in options.Items())
        {
            e.Length($"{p}.options.{i}.label", option.Str("label"), 1, 100);
            e.Length($"{p}.options.{i}.value", option.Str("value"), 1, 100);
            e.Length($"{p}.options.{i}.description", option.Str("description"), 1, 100, required: false);
            if (option.Str("value") is { } value && !values.Add(value))
            {
                e.Add($"{p}.options.{i}.value", "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED", "Select component option value cannot be duplicated");
            }
        }
        if (options?.Count(o => o.Bool("default") == true) > (max ?? 1))
        {
            e.Add($"{p}.options", "SELECT_COMPONENT_TOO_MANY_DEFAULT_VALUES", "The number of default values exceeds max_values.");
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
}
