namespace MlePrep.Bot;

/// <summary>Log lines about the question bank's contents. Event ids 800–819.</summary>
internal static partial class Log
{
    [LoggerMessage(800, LogLevel.Warning, "{Count} question(s) in {Folder} have warnings, e.g. {First}; 'questions validate' lists them all")]
    public static partial void QuestionWarnings(ILogger logger, int count, string folder, string first);
}
