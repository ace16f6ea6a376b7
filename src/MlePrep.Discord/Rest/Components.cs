using System.Text.Json.Serialization;

namespace MlePrep.Discord.Rest;

/// <summary>Component types used by this client.</summary>
public static class ComponentTypes
{
    /// <summary>Action Row.</summary>
    public const int ActionRow = 1;
    /// <summary>Button.</summary>
    public const int Button = 2;
    /// <summary>String Select.</summary>
    public const int StringSelect = 3;
    /// <summary>Text Input.</summary>
    public const int TextInput = 4;
    /// <summary>Text Display.</summary>
    public const int TextDisplay = 10;
    /// <summary>Label.</summary>
    public const int Label = 18;
}

/// <summary>Button styles.</summary>
public enum ButtonStyle
{
    /// <summary>Blurple.</summary>
    Primary = 1,
    /// <summary>Grey.</summary>
    Secondary = 2,
    /// <summary>Green.</summary>
    Success = 3,
    /// <summary>Red.</summary>
    Danger = 4,
    /// <summary>Navigates to a URL.</summary>
    Link = 5,
}

/// <summary>A message or modal component (action row, button, text input, label). Unused members stay null.</summary>
public sealed record Component
{
    /// <summary>Component type, see <see cref="ComponentTypes"/>.</summary>
    public required int Type { get; init; }
    /// <summary>Developer id, 1–100 characters.</summary>
    public string? CustomId { get; init; }
    /// <summary>Button style, or text input style (1 short, 2 paragraph).</summary>
    public int? Style { get; init; }
    /// <summary>Button label (≤ 80) or Label text (≤ 45).</summary>
    public string? Label { get; init; }
    /// <summary>Label description (≤ 100).</summary>
    public string? Description { get; init; }
    /// <summary>Button emoji.</summary>
    public ComponentEmoji? Emoji { get; init; }
    /// <summary>Link button URL.</summary>
    public string? Url { get; init; }
    /// <summary>Whether the button is disabled.</summary>
    public bool? Disabled { get; init; }
    /// <summary>Children of an action row.</summary>
    public IReadOnlyList<Component>? Components { get; init; }
    /// <summary>The child of a Label.</summary>
    [JsonPropertyName("component")]
    public Component? Child { get; init; }
    /// <summary>Text input minimum length.</summary>
    public int? MinLength { get; init; }
    /// <summary>Text input maximum length.</summary>
    public int? MaxLength { get; init; }
    /// <summary>Whether the input must be filled.</summary>
    public bool? Required { get; init; }
    /// <summary>Text input placeholder (≤ 100).</summary>
    public string? Placeholder { get; init; }
    /// <summary>Text input pre-filled value.</summary>
    public string? Value { get; init; }
    /// <summary>Text Display content.</summary>
    public string? Content { get; init; }
    /// <summary>String select choices (1–25).</summary>
    public IReadOnlyList<SelectOption>? Options { get; init; }
    /// <summary>String select: the fewest choices to pick (0–25).</summary>
    public int? MinValues { get; init; }
    /// <summary>String select: the most choices to pick (1–25).</summary>
    public int? MaxValues { get; init; }

    /// <summary>An action row.</summary>
    public static Component ActionRow(params Component[] children) => new() { Type = ComponentTypes.ActionRow, Components = children };

    /// <summary>A button that sends an interaction.</summary>
    public static Component Button(ButtonStyle style, string label, string customId, string? emoji = null, bool disabled = false) => new()
    {
        Type = ComponentTypes.Button,
        Style = (int)style,
        Label = label,
        CustomId = customId,
        Emoji = emoji is null ? null : new ComponentEmoji(emoji),
        Disabled = disabled ? true : null,
    };

    /// <summary>A string select in a message (it fills an action row on its own).</summary>
    public static Component StringSelect(string customId, IReadOnlyList<SelectOption> options, int minValues, int maxValues, string? placeholder = null) => new()
    {
        Type = ComponentTypes.StringSelect,
        CustomId = customId,
        Options = options,
        MinValues = minValues,
        MaxValues = maxValues,
        Placeholder = placeholder,
    };

    /// <summary>A string select wrapped in a Label, for a modal: exactly one choice; the submit carries it in <c>values</c>.</summary>
    public static Component LabeledSelect(string label, string customId, IReadOnlyList<SelectOption> options, string? description = null) => new()
    {
        Type = ComponentTypes.Label,
        Label = label,
        Description = description,
        Child = new Component { Type = ComponentTypes.StringSelect, CustomId = customId, Options = options, MinValues = 1, MaxValues = 1 },
    };

    /// <summary>A text input wrapped in a Label (the current modal shape).</summary>
    public static Component LabeledTextInput(string label, string customId, bool paragraph, int? minLength = null, int? maxLength = null,
        string? description = null, string? placeholder = null, bool required = true) => new()
    {
        Type = ComponentTypes.Label,
        Label = label,
        Description = description,
        Child = new Component
        {
            Type = ComponentTypes.TextInput,
            CustomId = customId,
            Style = paragraph ? 2 : 1,
            MinLength = minLength,
            MaxLength = maxLength,
            Placeholder = placeholder,
            Required = required,
        },
    };
}

/// <summary>A choice of a string select: label and description ≤ 100 characters, value ≤ 100.</summary>
public sealed record SelectOption(string Label, string Value, string? Description = null, bool? Default = null);

/// <summary>A unicode emoji on a button.</summary>
public sealed record ComponentEmoji(string Name);
