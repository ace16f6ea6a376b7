using MlePrep.Bot.Emulated;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;

namespace MlePrep.Bench;

/// <summary>The bot in this process against an emulator (<see cref="EmulatedBot"/>), in a server with one text channel.</summary>
internal sealed class BenchBot(EmulatedBot bot, ulong channelId) : IAsyncDisposable
{
    public EmulatorRest Discord => bot.Discord;
    public ulong GuildId => bot.GuildId;
    public ulong ChannelId { get; } = channelId;

    /// <summary>
    /// Starts a fresh emulator (or adds the server to a <paramref name="sharedEmulator"/>, left running), then the bot.
    /// <paramref name="seed"/> fills the database before the bot opens it, given the guild and channel ids and its path;
    /// a seeded database is kept for a later run and is the caller's to delete.
    /// </summary>
    /// <paramref name="settings"/> go over the bot's (another storage).
    public static async Task<BenchBot> StartAsync(TimeProvider? time = null, Action<ulong, ulong, string>? seed = null, DiscordEmulator? sharedEmulator = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var emulator = sharedEmulator ?? await DiscordEmulator.StartAsync(new EmulatorOptions());
        var guild = emulator.Rest.AddGuild("Bench server");
        var channel = emulator.Rest.AddChannel(guild, ChannelTypes.GuildText, "interview-prep");
        string? seeded = null;
        if (seed is not null)
        {
            seeded = EmulatedBot.NewDatabasePath();
            seed(guild, channel, seeded);
        }
        var bot = await EmulatedBot.StartAsync(emulator, guild, time, new EmulatedBotOptions
        {
            DatabasePath = seeded,
            OwnsEmulator = sharedEmulator is null,
            Quiet = true,
            Settings = settings ?? new Dictionary<string, string?>(),
        });
        return new BenchBot(bot, channel);
    }

    public T Service<T>() where T : notnull => bot.Service<T>();

    public ValueTask DisposeAsync() => bot.DisposeAsync();
}
