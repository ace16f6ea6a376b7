namespace MlePrep.Bot.Storage;

/// <summary>
/// The database cannot be opened at start. The message is one line for the operator: which file, what is wrong, what
/// to do. The process exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class DatabaseOpenException(string message, Exception? cause = null) : Exception(message, cause)
{
    public const int ExitCode = 4;

    public static DatabaseOpenException InUse(string path, int? pid) => new(
        $"The database {path} is in use by another process ({(pid is { } id ? $"pid {id}" : "pid unknown")}): " +
        "stop that bot first, or give this one its own Storage:DatabasePath.");

    // database: what it is, e.g. "database data/mleprep.db".
    public static DatabaseOpenException NewerSchema(string database, int found, int known) => new(
        $"The {database} has schema version {found}, written by a newer MlePrep.Bot than this one (which knows up to {known}): " +
        "run that newer version, or restore a backup made by this one.");

    /// <summary>Classifies what opening the file threw.</summary>
    public static DatabaseOpenException From(string path, Exception e) => e switch
    {
        UnauthorizedAccessException => new(
            $"The database {path} cannot be opened for writing ({e.Message}): let the bot's user read and write the file and its folder, " +
            "or set Storage:DatabasePath to a writable place.", e),
        IOException => new(
            $"The database {path} cannot be opened ({e.Message}): check that the disk has free space and that the file and its folder are writable.", e),
        _ => new(
            $"The database {path} is damaged or not a LiteDB database ({e.GetType().Name}: {e.Message}): restore it from a backup, " +
            "or move it away to start with an empty one.", e),
    };
}
