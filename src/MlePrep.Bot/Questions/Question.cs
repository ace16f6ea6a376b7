namespace MlePrep.Bot.Questions;

/// <summary>One interview question from the bank, with where it was defined (for error messages).</summary>
/// <remarks>
/// <see cref="Sources"/> and <see cref="Reviewed"/> are init-only so that questions built in code (tests, fixtures)
/// need not invent them; the schema requires <c>reviewed</c> in every pack.
/// </remarks>
public sealed record Question(
    string Id,
    string Category,
    string Difficulty,
    IReadOnlyList<string> Topics,
    string Source,
    string Prompt,
    IReadOnlyList<string> Hints,
    IReadOnlyList<string> Answer,
    IReadOnlyList<string> Followups,
    IReadOnlyList<string> Rubric,
    string File,
    int Line)
{
    /// <summary>A fenced code block shown under the prompt (code-reading questions); init-only so other questions need none.</summary>
    public string? Code { get; init; }

    /// <summary>Official documentation URLs behind the key's version-dependent facts.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>The first day of the month the facts were last checked.</summary>
    public DateOnly? Reviewed { get; init; }
}

/// <summary>A problem found in a question file, reported as <c>file:line: message</c>.</summary>
public sealed record QuestionProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>The question bank could not be loaded; every problem is listed.</summary>
public sealed class QuestionBankException(string folder, IReadOnlyList<QuestionProblem> problems)
    : Exception($"The question bank in '{folder}' has {problems.Count} problem(s):{Environment.NewLine}" +
                string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<QuestionProblem> Problems { get; } = problems;
}
