using System.Text.RegularExpressions;

namespace MlePrep.Bot.Questions;

/// <summary>The rules a JSON Schema cannot express: uniqueness across files, near-duplicates, Discord's limits.</summary>
public static partial class QuestionRules
{
    /// <summary>Discord's embed description limit; a hint card shows the prompt, all hints and the follow-ups in one.</summary>
    public const int EmbedDescriptionLimit = 4096;

    /// <summary>Prompts whose word sets overlap this much (Jaccard) are reported as near-duplicates.</summary>
    public const double NearDuplicateThreshold = 0.8;

    /// <summary>A code-reading snippet longer than this stops being something to read in a chat card.</summary>
    public const int CodeLineLimit = 25;

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

    private static HashSet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
