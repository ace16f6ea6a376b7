namespace MlePrep.Bot.Questions;

/// <summary>The loaded, validated question bank. Immutable: loaded once at start.</summary>
public sealed class QuestionBank
{
    private readonly Dictionary<string, Question> _byId;

    public QuestionBank(IReadOnlyList<Question> questions)
    {
        All = questions;
        _byId = questions.ToDictionary(q => q.Id, StringComparer.OrdinalIgnoreCase);
        var schema = QuestionSchema.Instance;
        Categories = schema.Categories.Where(c => questions.Any(q => q.Category == c)).ToArray();
        Difficulties = schema.Difficulties.Where(d => questions.Any(q => q.Difficulty == d)).ToArray();
        Topics = schema.Topics.Where(t => questions.Any(q => q.Topics.Contains(t))).ToArray();
    }

    public IReadOnlyList<Question> All { get; }

    /// <summary>Categories that have questions, in the schema's order.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Difficulties that have questions, easiest first.</summary>
    public IReadOnlyList<string> Difficulties { get; }

    /// <summary>Topics that have questions, in the schema's order.</summary>
    public IReadOnlyList<string> Topics { get; }

    public Question? Find(string id) => _byId.GetValueOrDefault(id.Trim());

    public IReadOnlyList<Question> Filter(QuestionFilter filter) => All.Where(filter.Matches).ToArray();

    /// <summary>Questions for the <c>id</c> autocomplete: at most <paramref name="max"/>, best match first.</summary>
    public IReadOnlyList<Question> Search(string typed, int max = 25)
    {
        typed = typed.Trim();
        if (typed.Length == 0)
        {
            return All.Take(max).ToArray();
        }
        return All
            .Select(q => (q, score: Score(q, typed)))
            .Where(x => x.score > 0)
            .OrderByDescending(x => x.score)
            .ThenBy(x => x.q.Id, IdComparer.Instance)
            .Take(max)
            .Select(x => x.q)
            .ToArray();
    }

    /// <summary>Topics for the <c>topic</c> autocomplete: prefix matches first, then substring matches.</summary>
    public IReadOnlyList<string> SearchTopics(string typed, int max = 25)
    {
        typed = typed.Trim().ToLowerInvariant().Replace(' ', '-');
        return Topics
            .Where(t => t.Contains(typed, StringComparison.Ordinal))
            .OrderBy(t => t.StartsWith(typed, StringComparison.Ordinal) ? 0 : 1)
            .Take(max)
            .ToArray();
    }

    private static int Score(Question q, string typed)
    {
        if (q.Id.Equals(typed, StringComparison.OrdinalIgnoreCase))
        {
            return 100;
        }
        if (q.Id.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
        {
            return 80;
        }
        var words = typed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hits = words.Count(w => q.Prompt.Contains(w, StringComparison.OrdinalIgnoreCase));
        if (hits == 0)
        {
            return 0;
        }
        // All typed words in the prompt beats some; a phrase match beats scattered words.
        return 10 + (hits * 40 / words.Length) + (q.Prompt.Contains(typed, StringComparison.OrdinalIgnoreCase) ? 20 : 0);
    }

    /// <summary>Orders ids like Q2 before Q10.</summary>
    private sealed class IdComparer : IComparer<string>
    {
        public static IdComparer Instance { get; } = new();

        public int Compare(string? x, string? y)
        {
            var (px, nx) = Split(x ?? "");
            var (py, ny) = Split(y ?? "");
            var byPrefix = string.CompareOrdinal(px, py);
            return byPrefix != 0 ? byPrefix : nx.CompareTo(ny);
        }

        private static (string Prefix, int Number) Split(string id)
        {
            var i = id.Length;
            while (i > 0 && char.IsAsciiDigit(id[i - 1]))
            {
                i--;
            }
            return (id[..i], i < id.Length && int.TryParse(id[i..], out var n) ? n : 0);
        }
    }
}

/// <summary>The optional filters of <c>/question</c>; also carried in the 🎲 Another button's custom id.</summary>
public sealed record QuestionFilter(string? Category = null, string? Difficulty = null, string? Topic = null)
{
    /// <summary>
    /// The guide's advice on careers is opinion, not interview material: its questions are shown only when their
    /// category is asked for (or one is named by id), never picked when no category is given.
    /// </summary>
    public const string OnRequestCategory = "career-faq";

    public static QuestionFilter None { get; } = new();

    public bool Matches(Question q) =>
        (Category is null ? q.Category != OnRequestCategory : q.Category == Category) &&
        (Difficulty is null || q.Difficulty == Difficulty) &&
        (Topic is null || q.Topics.Contains(Topic));
}
