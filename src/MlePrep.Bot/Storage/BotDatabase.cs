using LiteDB;
using Microsoft.Extensions.Options;

namespace MlePrep.Bot.Storage;

/// <summary>
/// Owns the one <see cref="LiteDatabase"/> (direct mode: a single process opens the file exclusively) and the
/// mapper. Stores take it and keep their LiteDB work synchronous: transactions are per thread, so no await inside.
/// </summary>
public sealed class BotDatabase : IDisposable
{
    public BotDatabase(IOptions<StorageOptions> options)
        : this(Open(options.Value.DatabasePath))
    {
    }

    internal BotDatabase(LiteDatabase database)
    {
        Database = database;
        Database.UtcDate = true;
    }

    public LiteDatabase Database { get; }

    public ILiteCollection<T> Collection<T>(string name) => Database.GetCollection<T>(name);

    /// <summary>A database in memory, for tests.</summary>
    public static BotDatabase InMemory() => new(new LiteDatabase(new MemoryStream(), CreateMapper()));

    /// <summary>
    /// LiteDB's defaults trim strings, turn "" into null and store enums as strings; answers and question text must
    /// round-trip exactly, and dates are stored as UTC.
    /// </summary>
    public static BsonMapper CreateMapper() => new()
    {
        TrimWhitespace = false,
        EmptyStringToNull = false,
        EnumAsInteger = true,
        SerializeNullValues = false,
    };

    public void Dispose() => Database.Dispose();

    private static LiteDatabase Open(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new LiteDatabase(new ConnectionString { Filename = full, Connection = ConnectionType.Direct }, CreateMapper());
    }
}
