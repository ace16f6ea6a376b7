using System.Text.Json;

namespace MlePrep.Discord.Interactions;

/// <summary>
/// The model boundary for INTERACTION_CREATE: what Discord always sends, checked once, so that no handler meets a
/// null list element, a missing token or a string no JSON encoder can write (a lone UTF-16 surrogate).
/// </summary>
public static class InteractionCheck
{
    /// <summary>Why <paramref name="interaction"/> cannot be handled, or null when it can.</summary>
    public static string? Problem(Interaction interaction)
    {
        if (string.IsNullOrEmpty(interaction.Token))
        {
            return "token is missing";
        }
        if (!WellFormed(interaction.Token))
        {
            return "token is not valid text";
        }
        if (interaction.Type == InteractionType.Ping)
        {
            return null;
        }
        if ((interaction.Member?.User ?? interaction.User) is not { Username: not null } invoker)
        {
            return "neither member.user nor user names who invoked it";
        }
        if (!WellFormed(invoker.Username) || !WellFormed(invoker.GlobalName))
        {
            return "the invoking user's name is not valid text";
        }
        if (interaction.Data is not { } data)
        {
            return "data is missing";
        }
        if (!WellFormed(data.Name) || !WellFormed(data.CustomId))
        {
            return "data.name or data.custom_id is not valid text";
        }
        return Values(data.Values, "data.values") ?? Options(data.Options, "data.options") ?? Components(data.Components, "data.components")
            ?? Resolved(data.Resolved);
    }

    private static string? Options(IReadOnlyList<CommandOptionValue>? options, string path)
    {
        for (var i = 0; i < (options?.Count ?? 0); i++)
        {
            var at = $"{path}[{i}]";
            if (options![i] is not { } option)
            {
                return $"{at} is null";
            }
            if (option.Name is null || !WellFormed(option.Name))
            {
                return $"{at}.name is missing or not valid text";
            }
            if (option.Value is { ValueKind: JsonValueKind.String } value && !WellFormed(value))
            {
                return $"{at}.value is not valid text";
            }
            if (Options(option.Options, $"{at}.options") is { } nested)
            {
                return nested;
            }
        }
        return null;
    }

    private static string? Components(IReadOnlyList<SubmittedComponent>? components, string path)
    {
        for (var i = 0; i < (components?.Count ?? 0); i++)
        {
            var at = $"{path}[{i}]";
            if (components![i] is not { } component)
            {
                return $"{at} is null";
            }
            if (!WellFormed(component.CustomId) || !WellFormed(component.Value))
            {
                return $"{at} holds text that is not valid";
            }
            var problem = Values(component.Values, $"{at}.values") ?? Components(component.Components, $"{at}.components")
                ?? (component.Component is { } child ? Components([child], $"{at}.component") : null);
            if (problem is not null)
            {
                return problem;
            }
        }
        return null;
    }

    private static string? Values(IReadOnlyList<string>? values, string path)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (values![i] is not { } value || !WellFormed(value))
            {
                return $"{path}[{i}] is null or not valid text";
            }
        }
        return null;
    }

    private static string? Resolved(ResolvedData? resolved)
    {
        if (resolved is null)
        {
            return null;
        }
        var entries = new[]
        {
            resolved.Users?.Values.Any(u => u is null), resolved.Members?.Values.Any(m => m is null),
            resolved.Roles?.Values.Any(r => r is null), resolved.Channels?.Values.Any(c => c is null),
        };
        return entries.Any(e => e == true) ? "data.resolved holds a null entry" : null;
    }

    /// <summary>A string option as Discord sends it; an escape such as <c>\ud800</c> makes <see cref="JsonElement.GetString"/> throw.</summary>
    private static bool WellFormed(JsonElement value)
    {
        try
        {
            return WellFormed(value.GetString());
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>No lone UTF-16 surrogate (null counts as well formed: absence is checked where it matters).</summary>
    private static bool WellFormed(string? text)
    {
        if (text is null)
        {
            return true;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
