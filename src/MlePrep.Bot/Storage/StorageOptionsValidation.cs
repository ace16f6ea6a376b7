using Microsoft.Extensions.Options;
using Npgsql;

namespace MlePrep.Bot.Storage;

/// <summary>
/// The checks between settings of <see cref="StorageOptions"/>: PostgreSQL needs a connection string Npgsql can read.
/// Each failure is one line for the operator, and never repeats the connection string (it holds the password).
/// </summary>
internal sealed class StorageOptionsValidation : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.Provider != StorageProvider.PostgreSql)
        {
            return ValidateOptionsResult.Success;
        }
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                "Storage:ConnectionString is required when Storage:Provider is PostgreSql, e.g. Host=db;Database=mleprep;Username=mleprep;Password=…");
        }
        return Problem(options.ConnectionString) is { } problem
            ? ValidateOptionsResult.Fail($"Storage:ConnectionString is not a valid Npgsql connection string: {problem}")
            : ValidateOptionsResult.Success;
    }

    /// <summary>
    /// Why the string cannot be used, or null. Npgsql's own message names the keyword, never a value; a string without a
    /// host is refused here rather than at the first query.
    /// </summary>
    private static string? Problem(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? "it names no Host." : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return e.Message;
        }
    }
}
