using System.ComponentModel.DataAnnotations;

namespace MlePrep.Bot.Storage;

/// <summary>Where the bot keeps its data (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The LiteDB file; its folder is created when missing.</summary>
    [Required(ErrorMessage = "Storage:DatabasePath must name a file, e.g. data/mleprep.db.")]
    public string DatabasePath { get; set; } = Path.Combine("data", "mleprep.db");
}
