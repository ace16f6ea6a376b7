using Microsoft.Extensions.Logging;

namespace MlePrep.Discord;

/// <summary>Log lines of gateway sharding (event ids 3100–3199).</summary>
internal static partial class Log
{
    [LoggerMessage(3100, LogLevel.Information, "Running gateway shards {ShardIds} of {ShardCount}")]
    public static partial void ShardsStarting(this ILogger logger, string shardIds, int shardCount);

    [LoggerMessage(3101, LogLevel.Information, "Discord:ShardCount is auto: Discord recommends {ShardCount} shards (GET /gateway/bot)")]
    public static partial void ShardCountRecommended(this ILogger logger, int shardCount);

    [LoggerMessage(3102, LogLevel.Critical, "{Problem} The bot stops.")]
    public static partial void ShardPlanInvalid(this ILogger logger, string problem);

    [LoggerMessage(3103, LogLevel.Warning, "Could not ask Discord for the recommended shard count: {Reason}; retrying in {DelayMs:F0} ms (failed attempts in a row: {Failures})")]
    public static partial void ShardCountLookupFailed(this ILogger logger, string reason, double delayMs, int failures);
}
