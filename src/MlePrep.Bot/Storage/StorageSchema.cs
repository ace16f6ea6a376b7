using LiteDB;

namespace MlePrep.Bot.Storage;

/// <summary>One step from the stored shapes of <c>Version - 1</c> to those of <see cref="Version"/>.</summary>
public sealed record SchemaMigration(int Version, string Description, Action<LiteDatabase> Apply);

/// <summary>
/// The version of the stored document shapes, kept in the database file, and the steps that bring an older file up to
/// date when the bot opens it.
/// </summary>
public static class StorageSchema
{
    // A document, not LiteDB's user-version pragma: a pragma cannot change inside a transaction, and the version must
    // commit together with the step that reshaped the documents.
    internal const string CollectionName = "storage_schema";
    private const string DocumentId = "schema";

    /// <summary>
    /// The shapes this build reads and writes. Version 1 is the shape the bot stored before it kept a version (0), so
    /// opening such a file only records the version. The next change of a stored shape raises this and adds its step.
    /// </summary>
    public const int Current = 3;

    /// <summary>Every step, oldest first, ending at <see cref="Current"/>.</summary>
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(2, "streak state per member and daily channel, derived from the answers and the ledger", LiteAnswerStore.BuildStreaks),
        new(3, "question history: one document per channel and question instead of one per channel", LitePracticeStore.SplitChannelHistories),
    ];

    /// <summary>
    /// Runs the steps the file lacks, each in its own transaction together with its version, so a crash between two
    /// steps leaves a file at a known version. Returns the version found.
    /// </summary>
    /// <exception cref="DatabaseOpenException">The file was written by a newer version.</exception>
    public static int Migrate(LiteDatabase db, string name, IReadOnlyList<SchemaMigration> migrations, int current)
    {
        var found = VersionOf(db);
        if (found > current)
        {
            throw DatabaseOpenException.NewerSchema($"database {name}", found, current);
        }
        foreach (var migration in migrations.Where(m => m.Version > found).OrderBy(m => m.Version))
        {
            db.BeginTrans();
            try
            {
                migration.Apply(db);
                Stamp(db, migration.Version);
                db.Commit();
            }
            catch
            {
                db.Rollback();
                throw;
            }
        }
        if (VersionOf(db) < current)
        {
            Stamp(db, current);
        }
        return found;
    }

    /// <summary>The version stored in the file; 0 before versions were stored.</summary>
    public static int VersionOf(LiteDatabase db) =>
        db.GetCollection(CollectionName).FindById(DocumentId)?["version"].AsInt32 ?? 0;

    internal static void Stamp(LiteDatabase db, int version) =>
        db.GetCollection(CollectionName).Upsert(new BsonDocument { ["_id"] = DocumentId, ["version"] = version });
}
