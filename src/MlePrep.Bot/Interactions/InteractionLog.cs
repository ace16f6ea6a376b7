namespace MlePrep.Bot;

/// <summary>Log lines of the interaction router and command registration (event ids 700–749).</summary>
internal static partial class Log
{
    [LoggerMessage(700, LogLevel.Warning, "Discord refused the reply to {Name} (interaction {InteractionId}) as unknown (10062): it came after the 3 s deadline; the member sees \"interaction failed\" and can try again")]
    public static partial void AnsweredTooLate(ILogger logger, string name, ulong interactionId);

    [LoggerMessage(701, LogLevel.Error, "{Name} answered with a modal after its reply was deferred; a modal can only be the first response, so its handler must declare OpensModal")]
    public static partial void ModalAfterDefer(ILogger logger, string name);

    [LoggerMessage(702, LogLevel.Information, "Cleared {Count} leftover commands from guild {GuildId} (registered there by an earlier Discord:DevGuildId)")]
    public static partial void StaleGuildCommandsCleared(ILogger logger, int count, ulong guildId);

    [LoggerMessage(703, LogLevel.Debug, "Could not look for leftover commands in guild {GuildId}: code {Code}, {DiscordMessage}")]
    public static partial void StaleGuildCommandsUnchecked(ILogger logger, ulong guildId, int code, string discordMessage);
}
