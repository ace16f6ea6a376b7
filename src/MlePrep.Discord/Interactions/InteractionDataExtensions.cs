namespace MlePrep.Discord.Interactions;

/// <summary>Typed views over <see cref="InteractionData"/>: sub-command paths, option values and modal values.</summary>
public static class InteractionDataExtensions
{
    /// <summary>The sub-command group and sub-command names, outermost first (empty for a plain command).</summary>
    public static IReadOnlyList<string> SubcommandPath(this InteractionData data)
    {
        var path = new List<string>(2);
        var options = data.Options;
        while (options is [{ Type: CommandOptionType.SubCommand or CommandOptionType.SubCommandGroup } sub])
        {
            path.Add(sub.Name);
            options = sub.Options;
        }
        return path;
    }

    /// <summary>The options of the innermost sub-command (or of the command itself).</summary>
    public static IReadOnlyList<CommandOptionValue> LeafOptions(this InteractionData data)
    {
        var options = data.Options ?? [];
        while (options is [{ Type: CommandOptionType.SubCommand or CommandOptionType.SubCommandGroup } sub])
        {
            options = sub.Options ?? [];
        }
        return options;
    }

    /// <summary>A leaf option by name, or null when the member left it out.</summary>
    public static CommandOptionValue? Option(this InteractionData data, string name) =>
        data.LeafOptions().FirstOrDefault(o => o.Name == name);

    /// <summary>The text of a leaf option, or null when absent.</summary>
    public static string? OptionText(this InteractionData data, string name) => data.Option(name)?.Text;

    /// <summary>The option being typed into, for autocomplete.</summary>
    public static CommandOptionValue? FocusedOption(this InteractionData data) =>
        data.LeafOptions().FirstOrDefault(o => o.Focused == true);

    /// <summary>
    /// The values of a submitted modal by input custom id. Accepts both shapes Discord sends:
    /// Action Row → Text Input (legacy) and Label → input (since 2025-08).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ModalValues(this InteractionData data)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var component in data.Components ?? [])
        {
            Collect(component, values);
        }
        return values;
    }

    private static void Collect(SubmittedComponent component, Dictionary<string, string> values)
    {
        if (component.CustomId is { } id && (component.Value ?? JoinValues(component.Values)) is { } value)
        {
            values[id] = value;
        }
        if (component.Component is { } child)
        {
            Collect(child, values);
        }
        foreach (var nested in component.Components ?? [])
        {
            Collect(nested, values);
        }
    }

    private static string? JoinValues(IReadOnlyList<string>? values) => values is null ? null : string.Join(',', values);
}
