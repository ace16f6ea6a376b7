using System.Globalization;
using System.Text.RegularExpressions;

namespace MlePrep.Bot.Questions;

/// <summary>
/// The rules a JSON Schema cannot express: uniqueness across files, near-duplicates, Discord's limits, well-formed
/// source URLs; and, as warnings, facts due for another check.
/// </summary>
public static partial class QuestionRules
{
    /// <summary>Discord's embed description limit; a hint card shows the prompt, all hints and the follow-ups in one.</summary>
    public const int EmbedDescriptionLimit = 4096;

    /// <summary>Prompts whose word sets overlap this much (Jaccard) are reported as near-duplicates.</summary>
    public const double NearDuplicateThreshold = 0.8;

    /// <summary>A code-reading snippet longer than this stops being something to read in a chat card.</summary>
    public const int CodeLineLimit = 25;

    /// <summary>Facts checked longer ago than this (library defaults, deprecations) may have aged: the validator warns.</summary>
    public const int ReviewedMaxAgeMonths = 18;

    public static IEnumerable<QuestionProblem> Check(IReadOnlyList<Question> questions)
    {
        var seen = new Dictionary<string, Question>(StringComparer.OrdinalIgnoreCase);
        foreach (var q in questions)
        {
            if (seen.TryGetValue(q.Id, out var first))
            {
                yield return new(q.File, q.Line, $"duplicate id '{q.Id}' (first defined at {first.File}:{first.Line})");
            }
            else
            {
                seen[q.Id] = q;
            }

            var codeLines = q.Code is null ? 0 : q.Code.Split('\n').Length - 2;
            if (codeLines > CodeLineLimit)
            {
                yield return new(q.File, q.Line, $"'{q.Id}': the code snippet has {codeLines} lines between its fences; at most {CodeLineLimit}");
            }

            var card = QuestionCards.LastHintLength(q);
            if (card > EmbedDescriptionLimit)
            {
                yield return new(q.File, q.Line, $"'{q.Id}': prompt, hints and follow-ups take {card} characters on the last hint card; Discord allows {EmbedDescriptionLimit}");
            }
            var key = QuestionCards.AnswerKeyLength(q);
            if (key > EmbedDescriptionLimit)
            {
                yield return new(q.File, q.Line, $"'{q.Id}': the answer key takes {key} characters; Discord allows {EmbedDescriptionLimit}");
            }
            // The schema's pattern only checks the shape; a source must also parse as a link a member can open.
            foreach (var source in q.Sources.Where(s => !IsWebUrl(s)))
            {
                yield return new(q.File, q.Line, $"'{q.Id}': source '{source}' is not an absolute http(s) URL");
            }
        }

        var words = questions.Select(q => Words(q.Prompt)).ToArray();
        for (var i = 0; i < questions.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var similarity = Jaccard(words[i], words[j]);
                if (similarity >= NearDuplicateThreshold)
                {
                    var (a, b) = (questions[i], questions[j]);
                    yield return new(a.File, a.Line, $"'{a.Id}' nearly repeats the prompt of '{b.Id}' ({b.File}:{b.Line}), {similarity:P0} of words shared");
                }
            }
        }
    }

    /// <summary>
    /// What does not stop the bot but needs a person: questions last reviewed more than
    /// <see cref="ReviewedMaxAgeMonths"/> months before <paramref name="today"/>, or (a likely typo) after it.
    /// </summary>
    public static IEnumerable<QuestionProblem> Warnings(IReadOnlyList<Question> questions, DateOnly today)
    {
        foreach (var q in questions)
        {
            if (q.Reviewed is not { } reviewed)
            {
                continue;
            }
            var month = reviewed.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var age = ((today.Year - reviewed.Year) * 12) + today.Month - reviewed.Month;
            if (age > ReviewedMaxAgeMonths)
            {
                yield return new(q.File, q.Line, $"'{q.Id}': last reviewed {month}, {age} months ago; check its facts and sources again");
            }
            else if (age < 0)
            {
                yield return new(q.File, q.Line, $"'{q.Id}': reviewed {month} is in the future");
            }
        }
    }

    private static bool IsWebUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;

    private static HashSet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        // Shared words are at most the smaller set: sets too different in size cannot reach the threshold, and most
        // pairs of a few hundred prompts stop here instead of being intersected.
        if (Math.Min(a.Count, b.Count) < NearDuplicateThreshold * Math.Max(a.Count, b.Count))
        {
            return 0;
        }
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
