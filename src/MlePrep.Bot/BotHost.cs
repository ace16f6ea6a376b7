using MlePrep.Discord;

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
}
