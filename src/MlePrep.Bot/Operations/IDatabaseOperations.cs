namespace MlePrep.Bot.Operations;

/// <summary>What operating the bot needs of its database, whichever store implements it.</summary>
public interface IDatabaseOperations
{
    /// <summary>The database file (with PostgreSQL, <c>Storage:DatabasePath</c> still places them): health status and the control socket live next to it.</summary>
    string DatabasePath { get; }

    /// <summary>The database as reports name it: a file, or a server and database (never a password).</summary>
    string Name { get; }

    /// <summary>What <c>doctor</c> says when <see cref="Check"/> found nothing wrong.</summary>
    string SoundReport { get; }

    /// <summary>In the running bot: writes a small marker; null when that worked, else why not.</summary>
    string? ProbeWrite(DateTimeOffset now);

    /// <summary>
    /// In the running bot: writes a consistent copy of the open database to <paramref name="target"/> (a new file) and
    /// returns its size in bytes.
    /// </summary>
    /// <exception cref="BackupException">The copy cannot be made; the message says why.</exception>
    long Backup(string target);

    /// <summary>With the bot stopped: puts <paramref name="source"/> (a backup) in the database's place.</summary>
    /// <exception cref="BackupException">It is running, or the backup is not a database this version can open.</exception>
    void Restore(string source);

    /// <summary>With the bot stopped: opens the file and checks it; a line per finding, an empty list when it is sound.</summary>
    IReadOnlyList<string> Check();

    /// <summary>Whether a bot process holds the database now.</summary>
    bool InUse();
}

/// <summary>A backup or restore that cannot be done; the message is one line for the operator.</summary>
public sealed class BackupException(string message, Exception? cause = null) : Exception(message, cause);
