using System.ComponentModel.DataAnnotations;

namespace MlePrep.Bot.Storage;

/// <summary>Where the bot keeps its data.</summary>
public enum StorageProvider
{
    /// <summary>One LiteDB file, one process (the default).</summary>
    LiteDb,
    /// <summary>A PostgreSQL database that several bot processes share.</summary>
    PostgreSql,
}

/// <summary>Where the bot keeps its data (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.LiteDb;

    /// <summary>The Npgsql connection string; required for <see cref="StorageProvider.PostgreSql"/> (checked by <see cref="StorageOptionsValidation"/>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The LiteDB file; its folder is created when missing.</summary>
    [Required(ErrorMessage = "Storage:DatabasePath must name a file, e.g. data/mleprep.db.")]
    public string DatabasePath { get; set; } = Path.Combine("data", "mleprep.db");

    /// <summary>
    /// Warn when the database's disk has less free space than this (MB); 0 turns the check off. A full disk stops the
    /// bot (LiteDB cannot write its log), and the log alone grows to 40 MB between checkpoints.
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "Storage:MinFreeDiskMegabytes must be 0 (off) or a positive number of megabytes.")]
    public int MinFreeDiskMegabytes { get; set; } = 256;
}
