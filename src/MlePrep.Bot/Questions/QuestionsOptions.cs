namespace MlePrep.Bot.Questions;

/// <summary>Where the question bank lives (section <c>Questions</c>).</summary>
public sealed class QuestionsOptions
{
    public const string SectionName = "Questions";

    /// <summary>A folder of <c>*.yaml</c> packs; unset = the <c>questions/</c> folder shipped with the bot.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// The configured folder, or the shipped one: found next to the binary (Docker image, publish output) or in a
    /// parent folder of it or of the working directory (running from the repo or from <c>bin/</c>).
    /// </summary>
    public string ResolveFolder()
    {
        if (!string.IsNullOrWhiteSpace(Path))
        {
            return System.IO.Path.GetFullPath(Path);
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "questions");
                if (File.Exists(System.IO.Path.Combine(candidate, "question-pack.schema.json")))
                {
                    return candidate;
                }
            }
        }
        return System.IO.Path.GetFullPath("questions");
    }
}
