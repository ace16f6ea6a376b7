using System.Text;

namespace MlePrep.Bot.Questions;

/// <summary><c>questions validate [folder]</c>: checks a question folder as the bot does at start, and shows its coverage.</summary>
public static class QuestionsCli
{
    public static bool Handles(string[] args) => args is ["questions", ..];

    public static int Run(string[] args, TextWriter output, TextWriter errors) => Run(args, output, errors, TimeProvider.System);

    /// <summary>Problems go to <paramref name="errors"/> and fail the run; warnings go there too but do not.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter errors, TimeProvider time)
    {
        if (args is not ["questions", "validate", ..] || args.Length > 3)
        {
            errors.WriteLine("Usage: questions validate [folder]   (default: the bundled questions/ folder)");
            return 64;
        }
        var folder = args.Length == 3 ? Path.GetFullPath(args[2]) : new QuestionsOptions().ResolveFolder();
        var (questions, problems) = QuestionLoader.Read(folder);
        foreach (var problem in problems)
        {
            errors.WriteLine(problem);
        }
        if (problems.Count > 0)
        {
            errors.WriteLine($"{problems.Count} problem(s) in {folder}");
            return 1;
        }
        var warnings = QuestionRules.Warnings(questions, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).ToArray();
        foreach (var warning in warnings)
        {
            errors.WriteLine($"{warning.File}:{warning.Line}: warning: {warning.Message}");
        }
        output.WriteLine(warnings.Length == 0
            ? $"{questions.Count} questions in {folder}: all valid."
            : $"{questions.Count} questions in {folder}: all valid, {warnings.Length} warning(s).");
        output.WriteLine();
        output.Write(Coverage(questions));
        return 0;
    }

    /// <summary>Markdown tables: questions per category × difficulty, and per topic (a question counts for each of its topics).</summary>
    public static string Coverage(IReadOnlyList<Question> questions)
    {
        var schema = QuestionSchema.Instance;
        var text = new StringBuilder();
        text.Append("| category | ").AppendJoin(" | ", schema.Difficulties).AppendLine(" | total |");
        text.Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", schema.Difficulties.Count + 1))).AppendLine();
        foreach (var category in schema.Categories)
        {
            var inCategory = questions.Where(q => q.Category == category).ToArray();
            text.Append("| ").Append(category).Append(" | ")
                .AppendJoin(" | ", schema.Difficulties.Select(d => inCategory.Count(q => q.Difficulty == d)))
                .Append(" | ").Append(inCategory.Length).AppendLine(" |");
        }
        text.Append("| **total** | ")
            .AppendJoin(" | ", schema.Difficulties.Select(d => questions.Count(q => q.Difficulty == d)))
            .Append(" | ").Append(questions.Count).AppendLine(" |");
        text.AppendLine();
        text.AppendLine("| topic | questions |").AppendLine("|---|---:|");
        foreach (var topic in schema.Topics)
        {
            text.Append("| ").Append(topic).Append(" | ").Append(questions.Count(q => q.Topics.Contains(topic))).AppendLine(" |");
        }
        return text.ToString();
    }
}
