using Microsoft.Extensions.Logging;

namespace MlePrep.Discord.Rest;

/// <summary>REST log lines of the interaction and shutdown paths (event ids 2100–2119).</summary>
internal static partial class RestLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug, Message = "{Route} answered 10008 on attempt {Attempt}: the message is already deleted")]
    public static partial void AlreadyDeleted(this ILogger logger, string route, int attempt);
}
