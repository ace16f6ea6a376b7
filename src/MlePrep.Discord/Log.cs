using Microsoft.Extensions.Logging;
using MlePrep.Discord.Interactions;

namespace MlePrep.Discord;

/// <summary>Source-generated log messages of the gateway and the dispatcher. None of them carries the token.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Connecting to the gateway at {Url} (resuming: {Resuming})")]
    public static partial void GatewayConnecting(this ILogger logger, Uri url, bool resuming);

    [LoggerMessage(1003, LogLevel.Information, "Reconnecting to the gateway in {DelayMs:F0} ms (failed attempts in a row: {Failures})")]
    public static partial void GatewayReconnectDelay(this ILogger logger, double delayMs, int failures);

    [LoggerMessage(1004, LogLevel.Warning, "No session starts left (session_start_limit.remaining = 0); waiting {DelayMs:F0} ms before identifying")]
    public static partial void GatewaySessionStartLimitExhausted(this ILogger logger, double delayMs);

    [LoggerMessage(1005, LogLevel.Information, "Identifying with intents {Intents}")]
    public static partial void GatewayIdentifying(this ILogger logger, int intents);

    [LoggerMessage(1006, LogLevel.Information, "Resuming the session from sequence {Sequence}")]
    public static partial void GatewayResuming(this ILogger logger, int sequence);

    [LoggerMessage(1007, LogLevel.Information, "Gateway READY ({GuildCount} guilds)")]
    public static partial void GatewayReady(this ILogger logger, int guildCount);

    [LoggerMessage(1008, LogLevel.Information, "Gateway session RESUMED at sequence {Sequence}")]
    public static partial void GatewayResumed(this ILogger logger, int sequence);

    [LoggerMessage(1009, LogLevel.Information, "Gateway asked to reconnect (op 7)")]
    public static partial void GatewayReconnectRequested(this ILogger logger);

    [LoggerMessage(1010, LogLevel.Warning, "Gateway invalidated the session (op 9, resumable: {Resumable})")]
    public static partial void GatewayInvalidSession(this ILogger logger, bool resumable);

    [LoggerMessage(1011, LogLevel.Warning, "No heartbeat ACK since the last heartbeat: the connection is zombied; reconnecting to resume")]
    public static partial void GatewayZombie(this ILogger logger);

    [LoggerMessage(1012, LogLevel.Warning, "Gateway closed the connection with code {CloseCode}")]
    public static partial void GatewayClosed(this ILogger logger, int? closeCode);

    [LoggerMessage(1013, LogLevel.Warning, "Gateway connection dropped without a close frame: {Reason}")]
    public static partial void GatewayConnectionDropped(this ILogger logger, string reason);

    [LoggerMessage(1014, LogLevel.Warning, "No Hello from the gateway in time; reconnecting")]
    public static partial void GatewayHelloTimeout(this ILogger logger);

    [LoggerMessage(1015, LogLevel.Debug, "A gateway payload could not be sent: {Reason}")]
    public static partial void GatewaySendFailed(this ILogger logger, string reason);

    [LoggerMessage(1016, LogLevel.Warning, "Ignoring a gateway payload that is not valid JSON: {Reason}")]
    public static partial void GatewayMalformedPayload(this ILogger logger, string reason);

    [LoggerMessage(1017, LogLevel.Debug, "Ignoring gateway opcode {OpCode}")]
    public static partial void GatewayUnexpectedOpcode(this ILogger logger, int opCode);

    [LoggerMessage(1018, LogLevel.Critical, "{Message} The bot stops (gateway close code {CloseCode}).")]
    public static partial void GatewayFatal(this ILogger logger, int? closeCode, string message);

    [LoggerMessage(1100, LogLevel.Error, "Interaction {InteractionId} ({InteractionType}, command {Command}, custom_id {CustomId}) failed")]
    public static partial void InteractionFailed(this ILogger logger, ulong interactionId, InteractionType interactionType, string? command, string? customId, Exception exception);

    [LoggerMessage(1101, LogLevel.Debug, "Dropping duplicate interaction {InteractionId}")]
    public static partial void InteractionDuplicate(this ILogger logger, ulong interactionId);

    [LoggerMessage(1103, LogLevel.Error, "Gateway event handler {Handler} failed on {EventName}")]
    public static partial void GatewayEventHandlerFailed(this ILogger logger, string eventName, string handler, Exception exception);
}
