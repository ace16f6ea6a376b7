using Microsoft.Extensions.Logging;

namespace MlePrep.Discord;

/// <summary>Log lines of the gateway's failure paths, the dispatcher's input checks and shutdown (event ids 2120–2149).</summary>
internal static partial class Log
{
    [LoggerMessage(2120, LogLevel.Warning, "Could not reach the gateway: {Reason}; retrying in {DelayMs:F0} ms (failed attempts in a row: {Failures})")]
    public static partial void GatewayAttemptFailedRetrying(this ILogger logger, string reason, double delayMs, int failures);

    [LoggerMessage(2121, LogLevel.Debug, "Gateway connection attempt failed")]
    public static partial void GatewayAttemptFailedDetail(this ILogger logger, Exception exception);

    [LoggerMessage(2122, LogLevel.Warning, "Skipping a gateway payload (op {OpCode}, event {EventName}): {Reason}")]
    public static partial void GatewayPayloadSkipped(this ILogger logger, int opCode, string? eventName, string reason);

    [LoggerMessage(2123, LogLevel.Warning, "Ignoring a malformed {EventName} dispatch: {Reason}")]
    public static partial void DispatchSkipped(this ILogger logger, string eventName, string reason);

    [LoggerMessage(2124, LogLevel.Warning, "Rejected interaction {InteractionId}: {Problem}")]
    public static partial void InteractionRejected(this ILogger logger, ulong interactionId, string problem);

    [LoggerMessage(2125, LogLevel.Information, "Shutting down: the gateway session ends with close code 1000; {InFlight} interactions in flight get up to {DrainSeconds:F0} s to reply")]
    public static partial void ShutdownDraining(this ILogger logger, int inFlight, double drainSeconds);

    [LoggerMessage(2126, LogLevel.Warning, "Shutdown drain time ({DrainSeconds:F0} s) ran out; interactions still running were cancelled")]
    public static partial void ShutdownDrainTimedOut(this ILogger logger, double drainSeconds);
}
