namespace MlePrep.Bot;

/// <summary>Log lines of the daily feature's reliability paths (event ids 650–699).</summary>
internal static partial class Log
{
    [LoggerMessage(650, LogLevel.Information, "Daily question for channel {ChannelId} on {LocalDate} had already been posted as message {MessageId}; adopted it instead of posting again")]
    public static partial void DailyPostAdopted(ILogger logger, ulong channelId, string localDate, ulong messageId);

    [LoggerMessage(651, LogLevel.Information, "Daily question for channel {ChannelId} on {LocalDate} will be retried at {RetryAt:u}")]
    public static partial void DailyRetryQueued(ILogger logger, ulong channelId, string localDate, DateTimeOffset retryAt);

    [LoggerMessage(652, LogLevel.Error, "A daily post failed unexpectedly")]
    public static partial void DailyPostCrashed(ILogger logger, Exception exception);

    [LoggerMessage(653, LogLevel.Error, "Catching up the daily schedule of channel {ChannelId} failed; paused it: {Reason}")]
    public static partial void DailyCatchUpFailed(ILogger logger, ulong channelId, string reason, Exception exception);

    [LoggerMessage(654, LogLevel.Warning, "Shutdown came before {Count} answer-count edits could be sent")]
    public static partial void LiveCountFlushIncomplete(ILogger logger, int count);

    [LoggerMessage(655, LogLevel.Warning, "Could not search channel {ChannelId} for an earlier daily post; posting with the nonce as the only guard")]
    public static partial void DailySearchFailed(ILogger logger, ulong channelId, Exception exception);
}
