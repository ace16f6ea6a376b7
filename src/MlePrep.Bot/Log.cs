using MlePrep.Discord.Interactions;

namespace MlePrep.Bot;

/// <summary>The bot's log lines (source-generated). Event ids: 1xx interactions, 2xx questions, 3xx daily, 4xx streaks, 5xx sandbox.</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Debug, "Handled {Name} in {ElapsedMs:F1} ms")]
    public static partial void Handled(ILogger logger, string name, double elapsedMs);

    [LoggerMessage(101, LogLevel.Error, "Handler for {Name} failed")]
    public static partial void HandlerFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(102, LogLevel.Information, "{Name} was slow: deferred the reply")]
    public static partial void Deferred(ILogger logger, string name);

    [LoggerMessage(103, LogLevel.Debug, "{Name}: interaction {InteractionId} was already acknowledged")]
    public static partial void AlreadyAcknowledged(ILogger logger, string name, ulong interactionId);

    [LoggerMessage(104, LogLevel.Warning, "Discord refused the reply to {Name}: code {Code}, {DiscordMessage}")]
    public static partial void ReplyRejected(ILogger logger, string name, int code, string discordMessage);

    [LoggerMessage(105, LogLevel.Warning, "Ignored an interaction of type {Type}")]
    public static partial void UnsupportedInteraction(ILogger logger, InteractionType type);

    [LoggerMessage(106, LogLevel.Information, "Registered {Count} commands {Scope}")]
    public static partial void CommandsRegistered(ILogger logger, int count, string scope);

    [LoggerMessage(107, LogLevel.Error, "Registering the commands failed")]
    public static partial void CommandRegistrationFailed(ILogger logger, Exception exception);

    [LoggerMessage(200, LogLevel.Information, "Loaded {Count} questions from {Folder}")]
    public static partial void QuestionsLoaded(ILogger logger, int count, string folder);

    [LoggerMessage(300, LogLevel.Information, "Posted the daily question for channel {ChannelId} on {LocalDate}: {QuestionId} (late: {Late})")]
    public static partial void DailyPosted(ILogger logger, ulong channelId, string localDate, string questionId, bool late);

    [LoggerMessage(301, LogLevel.Warning, "Daily question for channel {ChannelId} on {LocalDate} failed: {Reason}")]
    public static partial void DailyFailed(ILogger logger, ulong channelId, string localDate, string reason);

    [LoggerMessage(302, LogLevel.Warning, "Daily thread for channel {ChannelId} on {LocalDate} could not be opened (code {Code})")]
    public static partial void DailyThreadFailed(ILogger logger, ulong channelId, string localDate, int code);

    [LoggerMessage(303, LogLevel.Information, "Restored {Active} daily schedules ({Paused} paused)")]
    public static partial void DailySchedulesRestored(ILogger logger, int active, int paused);

    [LoggerMessage(304, LogLevel.Information, "Stopped the daily schedule of channel {ChannelId}: {Reason}")]
    public static partial void DailyStopped(ILogger logger, ulong channelId, string reason);

    [LoggerMessage(400, LogLevel.Information, "Member {UserId} answered {QuestionId} (occurrence {OccurrenceId}, replaced: {Replaced})")]
    public static partial void AnswerSaved(ILogger logger, ulong userId, string questionId, string? occurrenceId, bool replaced);

    [LoggerMessage(401, LogLevel.Debug, "Updated the answer count on daily post {MessageId} to {Count}")]
    public static partial void LiveCountEdited(ILogger logger, ulong messageId, int count);

    [LoggerMessage(402, LogLevel.Warning, "Could not update the answer count on daily post {MessageId}")]
    public static partial void LiveCountEditFailed(ILogger logger, ulong messageId, Exception exception);

    [LoggerMessage(403, LogLevel.Information, "Member {UserId} deleted their data: {Answers} answers, {Reveals} hint reveals")]
    public static partial void MemberDataDeleted(ILogger logger, ulong userId, int answers, int reveals);
}
