using System.Text;

namespace MlePrep.Bot.Interactions;

/// <summary>
/// Makes text a member typed safe to echo in a reply: STRING options may carry up to 6,000 characters, markdown and
/// mentions, while a reply's content holds 2,000. Every echo of member input goes through here.
/// </summary>
public static class UserText
{
    /// <summary>Echoes longer than this are clipped; it leaves room for the sentence around the echo.</summary>
    public const int DefaultMax = 100;

    /// <summary>
    /// For an inline code span (<c>`…`</c>): one line, no backticks (they would close the span), at most
    /// <paramref name="max"/> characters. Discord renders neither markdown nor mentions inside a code span.
    /// </summary>
    public static string Code(string? text, int max = DefaultMax) =>
        Clip(Clean(text).Replace('`', '\''), max);

    /// <summary>
    /// For plain text: one line, markdown escaped, mentions broken (a zero-width space after <c>@</c>, so neither
    /// <c>@everyone</c> nor <c>&lt;@id&gt;</c> can ping or render as a mention), at most <paramref name="max"/> characters.
    /// </summary>
    public static string Plain(string? text, int max = DefaultMax)
    {
        var clipped = Clip(Clean(text), max);
        var sb = new StringBuilder(clipped.Length + 8);
        foreach (var c in clipped)
        {
            if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '>' or '#' or '[' or ']' or '(' or ')' or '-')
            {
                sb.Append('\\');
            }
            sb.Append(c);
            if (c == '@')
            {
                sb.Append('\u200B');
            }
        }
        return sb.ToString();
    }

    /// <summary>One line, and lone UTF-16 surrogates (which no JSON encoder may write) replaced.</summary>
    private static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                sb.Append('\uFFFD');
            }
            else
            {
                sb.Append(char.IsControl(c) ? ' ' : c);
            }
        }
        return sb.ToString().Trim();
    }

    /// <summary>Clips to <paramref name="max"/> characters with an ellipsis, never splitting a surrogate pair.</summary>
    private static string Clip(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var cut = max - 1;
        if (char.IsLowSurrogate(text[cut]))
        {
            cut--;
        }
        return text[..cut] + "…";
    }
}
