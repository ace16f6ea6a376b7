using System.Globalization;

namespace MlePrep.Bot.Interactions;

/// <summary>A button's or modal's custom id, parsed. The router picks the handler by its type.</summary>
public abstract record CustomId;

/// <summary>💡 Hint: show hints 1..<paramref name="Rung"/> of a question.</summary>
public sealed record HintId(string QuestionId, int Rung) : CustomId;

/// <summary>🎲 Another: a new question with the same /question filters (null = not set).</summary>
public sealed record AnotherId(string? Category, string? Difficulty, string? Topic) : CustomId;

/// <summary>✍️ Answer: open the answer modal; <paramref name="OccurrenceId"/> on daily posts.</summary>
public sealed record AnswerId(string QuestionId, string? OccurrenceId) : CustomId;

/// <summary>The answer modal's submit, carrying the button's question and occurrence.</summary>
public sealed record AnswerModalId(string QuestionId, string? OccurrenceId) : CustomId;

/// <summary>The /mydata confirmation buttons; only <paramref name="UserId"/> may use them.</summary>
public sealed record MyDataId(MyDataAction Action, ulong UserId) : CustomId;

public enum MyDataAction
{
    Delete,
    Cancel,
}

/// <summary>A self-grade against a question's answer key and rubric.</summary>
public enum Grade
{
    Missed,
    Partly,
    Nailed,
}

/// <summary>A self-grade button; <paramref name="Covered"/> is the bit set of rubric points ticked in the card's select.</summary>
public sealed record GradeId(string QuestionId, Grade Grade, int Covered) : CustomId;

/// <summary>The rubric select on a grading card: which points the answer covered.</summary>
public sealed record RubricId(string QuestionId) : CustomId;

/// <summary>🧠 Grade without answering: the answer key and the grade buttons, for an answer given in one's head.</summary>
public sealed record SelfGradeId(string QuestionId) : CustomId;

/// <summary>⏭️ Skip on a /mock question: ends question <paramref name="Index"/> of session <paramref name="SessionId"/> unanswered.</summary>
public sealed record MockSkipId(string SessionId, int Index) : CustomId;

/// <summary>A button on a shared daily answer (or on its author's confirmation): what it does, to whose answer to which occurrence.</summary>
public sealed record PeerAnswerId(PeerAction Action, string OccurrenceId, ulong AuthorId) : CustomId;

public enum PeerAction
{
    /// <summary>👍: toggles the clicker's vote.</summary>
    Vote,
    /// <summary>📖 Read all: the full text, privately.</summary>
    Read,
    /// <summary>🙈 Hide: a moderator hides the answer.</summary>
    Hide,
    /// <summary>On the author's private confirmation: withdraw the share before the reveal.</summary>
    Withdraw,
}

/// <summary>
/// The one codec for custom ids. Version 1, the format of every id the bot has ever posted, is <c>kind:field:…</c> with
/// the kind word first. Posted buttons live for years, so a kind's format is never changed in place: a new format takes
/// a new kind word (e.g. <c>answer2</c>) next to the old one, and both keep parsing. Anything that does not parse gets
/// the stale reply from the router.
/// </summary>
public static class CustomIds
{
    /// <summary>Discord's limit on a custom id's length.</summary>
    public const int MaxLength = 100;

    public static string Format(CustomId id)
    {
        var text = id switch
        {
            HintId h => $"hint:{h.QuestionId}:{h.Rung.ToString(CultureInfo.InvariantCulture)}",
            AnotherId a => $"another:{a.Category}:{a.Difficulty}:{a.Topic}",
            AnswerId a => WithOccurrence("answer", a.QuestionId, a.OccurrenceId),
            AnswerModalId m => WithOccurrence("answerm", m.QuestionId, m.OccurrenceId),
            MyDataId m => $"mydata:{(m.Action == MyDataAction.Delete ? "delete" : "cancel")}:{m.UserId.ToString(CultureInfo.InvariantCulture)}",
            GradeId g => $"grade:{g.QuestionId}:{GradeLetter(g.Grade)}:{g.Covered.ToString("x", CultureInfo.InvariantCulture)}",
            RubricId r => $"rubric:{r.QuestionId}",
            SelfGradeId s => $"selfgrade:{s.QuestionId}",
            MockSkipId m => $"mockskip:{m.SessionId}:{m.Index.ToString(CultureInfo.InvariantCulture)}",
            PeerAnswerId p => $"{PeerKind(p.Action)}:{p.AuthorId.ToString(CultureInfo.InvariantCulture)}:{p.OccurrenceId}",
            _ => throw new ArgumentOutOfRangeException(nameof(id), id, "No custom id format for this type."),
        };
        return text.Length <= MaxLength ? text : throw new ArgumentException($"Custom id '{text}' is longer than Discord's {MaxLength} characters.", nameof(id));
    }

    /// <summary>The typed id, or null for anything the bot does not (or no longer) understand.</summary>
    public static CustomId? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return null;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }
        var args = text[(colon + 1)..];
        return text[..colon] switch
        {
            "hint" => ParseHint(args),
            "another" => ParseAnother(args),
            "answer" => SplitOccurrence(args) is var (q, o) && q.Length > 0 ? new AnswerId(q, o) : null,
            "answerm" => SplitOccurrence(args) is var (q, o) && q.Length > 0 ? new AnswerModalId(q, o) : null,
            "mydata" => ParseMyData(args),
            "grade" => ParseGrade(args),
            "rubric" => QuestionOnly(args) is { } q ? new RubricId(q) : null,
            "selfgrade" => QuestionOnly(args) is { } q ? new SelfGradeId(q) : null,
            "mockskip" => ParseMockSkip(args),
            "pvote" => ParsePeer(PeerAction.Vote, args),
            "pread" => ParsePeer(PeerAction.Read, args),
            "phide" => ParsePeer(PeerAction.Hide, args),
            "pwithdraw" => ParsePeer(PeerAction.Withdraw, args),
            _ => null,
        };
    }

    // Question ids have no colon, occurrence ids ({channelId}:{yyyy-MM-dd}) do: the first colon separates them.
    private static string WithOccurrence(string kind, string questionId, string? occurrenceId) =>
        occurrenceId is null ? $"{kind}:{questionId}" : $"{kind}:{questionId}:{occurrenceId}";

    private static (string QuestionId, string? OccurrenceId) SplitOccurrence(string args) =>
        args.IndexOf(':', StringComparison.Ordinal) is var i and >= 0 ? (args[..i], args[(i + 1)..]) : (args, null);

    private static HintId? ParseHint(string args)
    {
        var colon = args.LastIndexOf(':');
        return colon > 0 && int.TryParse(args[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var rung)
            ? new HintId(args[..colon], rung)
            : null;
    }

    private static AnotherId? ParseAnother(string args)
    {
        var parts = args.Split(':');
        string? Part(int i) => i < parts.Length && parts[i].Length > 0 ? parts[i] : null;
        return parts.Length <= 3 ? new AnotherId(Part(0), Part(1), Part(2)) : null;
    }

    private static char GradeLetter(Grade grade) => grade switch
    {
        Grade.Nailed => 'n',
        Grade.Partly => 'p',
        _ => 'm',
    };

    private static string? QuestionOnly(string args) => args.Length > 0 && !args.Contains(':', StringComparison.Ordinal) ? args : null;

    // A question has at most 10 rubric points, so a covered set never needs more than 10 bits.
    private static GradeId? ParseGrade(string args)
    {
        var parts = args.Split(':');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[2].Length is 0 or > 3
            || !int.TryParse(parts[2], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var covered))
        {
            return null;
        }
        Grade? grade = parts[1] switch
        {
            "n" => Grade.Nailed,
            "p" => Grade.Partly,
            "m" => Grade.Missed,
            _ => null,
        };
        return grade is { } g ? new GradeId(parts[0], g, covered) : null;
    }

    private static MockSkipId? ParseMockSkip(string args)
    {
        var parts = args.Split(':');
        return parts.Length == 2 && parts[0].Length > 0 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? new MockSkipId(parts[0], index)
            : null;
    }

    private static string PeerKind(PeerAction action) => action switch
    {
        PeerAction.Vote => "pvote",
        PeerAction.Read => "pread",
        PeerAction.Hide => "phide",
        _ => "pwithdraw",
    };

    // The author first: the occurrence id ({channelId}:{yyyy-MM-dd}) has a colon of its own, so it takes the rest.
    private static PeerAnswerId? ParsePeer(PeerAction action, string args)
    {
        var colon = args.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && ulong.TryParse(args[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var author) && args[(colon + 1)..].Contains(':', StringComparison.Ordinal)
            ? new PeerAnswerId(action, args[(colon + 1)..], author)
            : null;
    }

    private static MyDataId? ParseMyData(string args)
    {
        var parts = args.Split(':');
        if (parts.Length != 2 || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var user))
        {
            return null;
        }
        return parts[0] switch
        {
            "delete" => new MyDataId(MyDataAction.Delete, user),
            "cancel" => new MyDataId(MyDataAction.Cancel, user),
            _ => null,
        };
    }
}
