using MlePrep.Bot.MockInterviews;

namespace MlePrep.Bot;

/// <summary>Mock interview log lines: event ids 3600–3649.</summary>
internal static partial class Log
{
    [LoggerMessage(3600, LogLevel.Information, "Member {UserId} started mock interview {SessionId} ({Track}, {Minutes} minutes) in thread {ThreadId}")]
    public static partial void MockStarted(ILogger logger, ulong userId, string sessionId, string track, int minutes, ulong? threadId);

    [LoggerMessage(3601, LogLevel.Information, "Mock interview {SessionId} of member {UserId} ended: {Status}")]
    public static partial void MockEnded(ILogger logger, ulong userId, string sessionId, MockStatus status);

    [LoggerMessage(3602, LogLevel.Information, "Could not open a private thread in channel {ChannelId} (HTTP {Status}, code {Code}); the mock runs in private replies")]
    public static partial void MockThreadRefused(ILogger logger, ulong channelId, int status, int code);

    [LoggerMessage(3603, LogLevel.Warning, "Could not post to the thread {ThreadId} of mock interview {SessionId} (HTTP {Status}, code {Code})")]
    public static partial void MockPostFailed(ILogger logger, string sessionId, ulong threadId, int status, int code);

    [LoggerMessage(3604, LogLevel.Error, "The end of a time box of mock interview {SessionId} failed")]
    public static partial void MockTimeBoxFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(3606, LogLevel.Error, "Looking for mock interview time boxes that ran out with no one to end them failed")]
    public static partial void MockSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(3605, LogLevel.Information, "Member {UserId} deleted their mock interviews: {Sessions} sessions")]
    public static partial void MockDataDeleted(ILogger logger, ulong userId, int sessions);
}
