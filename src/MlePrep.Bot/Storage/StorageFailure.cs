using LiteDB;

namespace MlePrep.Bot.Storage;

/// <summary>Why the database became unusable while the bot ran; only a restart (reopening the file) recovers.</summary>
public sealed record StorageFailure(Exception Cause)
{
    // LiteDB 5.0.21 says so in its message only (error code 0), when transactions leaked after an internal failure.
    private const string TransactionsExhausted = "Maximum number of transactions reached";

    /// <summary>One line for the log: what failed, without a stack trace.</summary>
    public string Reason => $"{Cause.GetType().Name}: {Cause.Message}";

    /// <summary>
    /// Whether <paramref name="e"/> leaves the engine unusable. LiteDB closes its engine after an I/O error (a full disk
    /// included) or a failed internal check (code 999), and later calls throw that again or "engine disposed"; freeing
    /// the disk does not reopen it. Errors about one call's input (a duplicate key, a bad expression) are not failures.
    /// </summary>
    public static bool Breaks(Exception e) => e switch
    {
        IOException or UnauthorizedAccessException => true,
        LiteException { ErrorCode: LiteException.INVALID_DATAFILE_STATE or LiteException.ENGINE_DISPOSED } => true,
        LiteException { ErrorCode: 0 } lite => lite.Message.StartsWith(TransactionsExhausted, StringComparison.Ordinal),
        _ => false,
    };
}

/// <summary>Thrown by every storage call once the database became unusable; the bot stops so that it is restarted.</summary>
public sealed class StorageFailedException(StorageFailure failure)
    : Exception($"The database is unusable until the bot restarts ({failure.Reason})", failure.Cause)
{
    public StorageFailure Failure { get; } = failure;
}
