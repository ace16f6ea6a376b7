using Npgsql;

namespace MlePrep.Bot.Storage.Postgres;

/// <summary>Plain-SQL helpers shared by the PostgreSQL adapters: positional parameters and the conversions Discord ids and dates need.</summary>
internal static class PgCommands
{
    /// <summary>A command on a pooled connection with <c>$1</c>, <c>$2</c>… bound to <paramref name="values"/>, in order.</summary>
    public static NpgsqlCommand Command(this NpgsqlDataSource source, string sql, params object?[] values) =>
        Bind(source.CreateCommand(sql), values);

    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, params object?[] values) =>
        Bind(new NpgsqlCommand(sql, connection), values);

    /// <summary>A snowflake as stored: ids stay below 2^63.</summary>
    public static long Id(ulong id) => (long)id;

    public static long? Id(ulong? id) => id is { } v ? (long)v : null;

    /// <summary>A date as stored (timestamptz): UTC, as the bot's dates are; an unspecified kind is read as UTC.</summary>
    public static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    public static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    public static ulong UId(this NpgsqlDataReader reader, int ordinal) => (ulong)reader.GetInt64(ordinal);

    public static ulong? NullableUId(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : (ulong)reader.GetInt64(ordinal);

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTime? NullableDate(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDateTime(ordinal);

    /// <summary>Every row of the command, read by <paramref name="read"/>.</summary>
    public static async ValueTask<List<T>> ListAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<T>();
            while (await reader.ReadAsync())
            {
                rows.Add(read(reader));
            }
            return rows;
        }
    }

    public static async ValueTask<T?> SingleAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read) where T : class =>
        (await command.ListAsync(read)).FirstOrDefault();

    public static async ValueTask<int> RunAsync(this NpgsqlCommand command)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync();
        }
    }

    public static async ValueTask<long> LongAsync(this NpgsqlCommand command)
    {
        await using (command)
        {
            return await command.ExecuteScalarAsync() is long value ? value : 0;
        }
    }

    private static NpgsqlCommand Bind(NpgsqlCommand command, object?[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        return command;
    }
}
