using System.Diagnostics.Metrics;

namespace MlePrep.Discord;

/// <summary>
/// The client's metrics (meter <c>MlePrep.Discord</c>): HTTP API requests and 429s, gateway reconnects. Tags are route
/// templates and close codes only: no ids, no tokens.
/// </summary>
public static class DiscordMetrics
{
    /// <summary>The meter's name, for an exporter to listen to.</summary>
    public const string MeterName = "MlePrep.Discord";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> RestRequests = Meter.CreateCounter<long>(
        "discord.rest.requests", "{request}", "HTTP API responses (and attempts without one, status 0) by route template and status");

    private static readonly Counter<long> RestRateLimits = Meter.CreateCounter<long>(
        "discord.rest.rate_limits", "{response}", "429 responses by route template and scope (user, global, shared)");

    private static readonly Counter<long> GatewayReconnects = Meter.CreateCounter<long>(
        "discord.gateway.reconnects", "{reconnect}", "Gateway reconnects by reason and by whether the session is resumed");

    internal static void RestResponse(string route, int status) =>
        RestRequests.Add(1, new("route", route), new("status", status));

    internal static void RateLimited(string route, string scope) =>
        RestRateLimits.Add(1, new("route", route), new("scope", scope));

    internal static void Reconnect(string reason, bool resume) =>
        GatewayReconnects.Add(1, new("reason", reason), new("resume", resume));
}
