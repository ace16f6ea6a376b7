namespace MlePrep.Bot;

/// <summary>Log lines of shared daily answers: event ids 3800–3849.</summary>
internal static partial class Log
{
    [LoggerMessage(3800, LogLevel.Information, "Member {UserId} {Choice} their answer to occurrence {OccurrenceId}")]
    public static partial void AnswerShareChosen(ILogger logger, ulong userId, string occurrenceId, string choice);

    [LoggerMessage(3801, LogLevel.Information, "Revealed {Count} shared answers of occurrence {OccurrenceId} in {PlaceId}")]
    public static partial void AnswersRevealed(ILogger logger, string occurrenceId, int count, ulong placeId);

    [LoggerMessage(3802, LogLevel.Warning, "Could not open a thread on the daily post of occurrence {OccurrenceId} (HTTP {Status}, code {Code}); its shared answers go as replies to the post")]
    public static partial void RevealInReplies(ILogger logger, string occurrenceId, int status, int code);

    [LoggerMessage(3803, LogLevel.Warning, "Revealing or closing the shared answers of occurrence {OccurrenceId} stopped; the next post or start finishes it")]
    public static partial void RevealStopped(ILogger logger, string occurrenceId, Exception exception);

    [LoggerMessage(3804, LogLevel.Information, "Voting on the shared answers of occurrence {OccurrenceId} closed; top answer by {TopUserId}")]
    public static partial void RevealClosed(ILogger logger, string occurrenceId, ulong? topUserId);

    [LoggerMessage(3805, LogLevel.Information, "Moderator {ModeratorId} hid the shared answer of {UserId} to occurrence {OccurrenceId}")]
    public static partial void SharedAnswerHidden(ILogger logger, ulong moderatorId, ulong userId, string occurrenceId);

    [LoggerMessage(3806, LogLevel.Information, "Member {UserId} deleted their shared answers and votes: {Shares} shares ({Revealed} revealed messages removed), {Votes} votes")]
    public static partial void PeerDataDeleted(ILogger logger, ulong userId, int shares, int revealed, int votes);

    [LoggerMessage(3807, LogLevel.Warning, "Could not remove the revealed answer message {MessageId} of a deleted member from {PlaceId}")]
    public static partial void RevealedMessageNotRemoved(ILogger logger, ulong placeId, ulong messageId, Exception exception);

    [LoggerMessage(3808, LogLevel.Error, "After the daily post of channel {ChannelId} on {LocalDate}, the work on the closed answer window failed")]
    public static partial void WindowClosedFailed(ILogger logger, ulong channelId, string localDate, Exception exception);

    [LoggerMessage(3809, LogLevel.Error, "Catching up the reveals of shared answers at start failed")]
    public static partial void RevealCatchUpFailed(ILogger logger, Exception exception);
}
