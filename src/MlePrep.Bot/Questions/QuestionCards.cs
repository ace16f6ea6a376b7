using System.Text;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Questions;

/// <summary>How questions, hints and answer keys look in Discord. The one place that renders them.</summary>
public static class QuestionCards
{
    private static readonly Dictionary<string, int> CategoryColours = new(StringComparer.Ordinal)
    {
        ["technical"] = 0x5865F2,
        ["behavioral"] = 0x57F287,
        ["situational"] = 0xFEE75C,
        ["system-design"] = 0xEB459E,
        ["career-faq"] = 0x99AAB5,
    };

    public static string CategoryTitle(string category) => category switch
    {
        "system-design" => "System design",
        "career-faq" => "Career FAQ",
        _ => char.ToUpperInvariant(category[0]) + category[1..],
    };

    /// <summary>The public question embed: id, category and prompt, difficulty and topics as fields.</summary>
    public static Embed QuestionEmbed(Question q, string? title = null, string? footer = null) => new()
    {
        Title = title ?? $"{q.Id} · {CategoryTitle(q.Category)}",
        Description = q.Code is null ? q.Prompt : $"{q.Prompt}\n{q.Code}",
        Color = CategoryColours.GetValueOrDefault(q.Category, 0x5865F2),
        Fields =
        [
            new EmbedField("Difficulty", q.Difficulty, Inline: true),
            new EmbedField("Topics", string.Join(", ", q.Topics), Inline: true),
        ],
        Footer = new EmbedFooter(footer ?? $"{q.Id} · 💡 Hint shows a hint only to you"),
    };

    /// <summary>The private hint card: the prompt and hints 1..<paramref name="revealed"/>; follow-ups on the last rung.</summary>
    public static Embed HintEmbed(Question q, int revealed) => new()
    {
        Title = $"💡 {q.Id} · hint {revealed} of {q.Hints.Count}",
        Description = HintText(q, revealed),
        Color = 0xFEE75C,
    };

    /// <summary>The answer key as an embed, for the private replies that show it.</summary>
    public static Embed AnswerKeyEmbed(Question q) => new() { Title = $"📝 {q.Id} · answer key", Description = AnswerKey(q), Color = 0x57F287 };

    /// <summary>The private answer key shown after a member answers.</summary>
    public static string AnswerKey(Question q)
    {
        var text = new StringBuilder("**A strong answer covers:**");
        foreach (var point in q.Answer)
        {
            text.Append("\n• ").Append(point);
        }
        if (q.Rubric.Count > 0)
        {
            text.Append("\n\n**Check yourself against:**");
            foreach (var item in q.Rubric)
            {
                text.Append("\n☐ ").Append(item);
            }
        }
        if (q.Sources.Count > 0)
        {
            // Version-dependent facts age: the member can check today's documentation.
            text.Append("\n\n**Sources:** ").AppendJoin(" · ", q.Sources);
        }
        return text.ToString();
    }

    internal static int LastHintLength(Question q) => HintText(q, q.Hints.Count).Length;

    internal static int AnswerKeyLength(Question q) => AnswerKey(q).Length;

    private static string HintText(Question q, int revealed)
    {
        var text = new StringBuilder().Append("**").Append(q.Prompt).Append("**\n");
        if (q.Code is not null)
        {
            text.Append(q.Code).Append('\n');
        }
        for (var i = 0; i < revealed; i++)
        {
            text.Append('\n').Append(i + 1).Append(". ").Append(q.Hints[i]);
        }
        if (revealed == q.Hints.Count && q.Followups.Count > 0)
        {
            text.Append("\n\n**An interviewer may follow up with:**");
            foreach (var followup in q.Followups)
            {
                text.Append("\n• ").Append(followup);
            }
        }
        return text.ToString();
    }
}
