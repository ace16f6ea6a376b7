using System.Text.Json.Serialization;
using MlePrep.Discord.Serialization;

namespace MlePrep.Discord.Rest;

/// <summary>The application the bot token belongs to (the fields this client reads of Discord's application object).</summary>
public sealed record CurrentApplication
{
    /// <summary>The application id: commands are registered under it.</summary>
    public ulong Id { get; init; }

    /// <summary>The application's name.</summary>
    public string? Name { get; init; }
}

/// <summary>
/// GET /applications/@me. A bot without a gateway session (HTTP interactions) has no READY to read its application id
/// from, so it asks for it.
/// </summary>
public interface IDiscordApplicationClient
{
    /// <summary>GET /applications/@me: the bot's own application.</summary>
    Task<CurrentApplication> GetCurrentApplicationAsync(CancellationToken ct);
}

internal sealed partial class DiscordRestClient : IDiscordApplicationClient
{
    public Task<CurrentApplication> GetCurrentApplicationAsync(CancellationToken ct) =>
        SendAsync(new RestRoute(HttpMethod.Get, "/applications/@me", "applications/@me", "", RouteAuth.Bot, SafeToRetry: true), null,
            ApplicationJsonContext.Default.CurrentApplication, ct)!;
}

/// <summary>Source-generated JSON for the application object (same conventions as <see cref="DiscordJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SnowflakeConverter)])]
[JsonSerializable(typeof(CurrentApplication))]
internal sealed partial class ApplicationJsonContext : JsonSerializerContext;
