namespace MlePrep.Bot;

/// <summary>PostgreSQL storage log lines: event ids 3000–3099.</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Opened the {Database} (schema version {Found}, now {Current})")]
    public static partial void PostgresOpened(ILogger logger, string database, int found, int current);
}
