using System.Globalization;
using MlePrep.Discord;
using MlePrep.Discord.Emulator;

namespace MlePrep.Bot;

/// <summary>The bot's host, as <c>Program</c> runs it and as the end-to-end tests start it.</summary>
public static class BotHost
{
    // time: the clock of the whole bot; null = the system clock.
    public static HostApplicationBuilder CreateBuilder(string[] args, TimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddDiscordClient(builder.Configuration.GetSection(DiscordOptions.SectionName));
        builder.Services.AddBot(builder.Configuration, time);
        return builder;
    }

    /// <summary>The settings that point the bot at a local emulator (the sandbox, the end-to-end tests, the benchmark).</summary>
    public static Dictionary<string, string?> EmulatorSettings(DiscordEmulator emulator, ulong guildId, string databasePath) => new()
    {
        ["Discord:Token"] = emulator.Options.BotToken,
        ["Discord:ApiBaseUrl"] = emulator.ApiBaseUrl.ToString(),
        ["Discord:DevGuildId"] = guildId.ToString(CultureInfo.InvariantCulture),
        ["Storage:DatabasePath"] = databasePath,
    };
}
