using System.Text.Json;

namespace MlePrep.Discord.Gateway;

/// <summary>
/// Where the receive loop hands dispatches. Implementations only parse and enqueue: they must never run
/// application code, or a slow handler would stall the gateway.
/// </summary>
internal interface IGatewayDispatchSink
{
    ValueTask OnReadyAsync(ReadyEvent ready, CancellationToken ct);

    /// <summary>Any dispatch other than READY and RESUMED.</summary>
    ValueTask OnDispatchAsync(string eventName, JsonElement data, CancellationToken ct);
}

/// <summary>Why the gateway client stopped for good: reconnecting cannot fix it.</summary>
internal sealed record GatewayFatalError(int? CloseCode, string Message);
