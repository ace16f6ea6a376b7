using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlePrep.Bot;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;

namespace MlePrep.Bench;

/// <summary>
/// The real bot host (real DI, LiteDB in a file, the real question bank and Quartz) in this process, connected to a fresh
/// emulator on loopback, READY and with its commands registered. The same arrangement as the end-to-end tests' fixture.
/// </summary>
internal sealed class BenchBot : IAsyncDisposable
{
    private readonly bool _keepDatabase;
    private readonly bool _ownsEmulator;

    private BenchBot(DiscordEmulator emulator, bool ownsEmulator, IHost host, ulong guildId, ulong channelId, string databasePath, bool keepDatabase,
        TimeSpan startToReady)
    {
        _ownsEmulator = ownsEmulator;
        Emulator = emulator;
        Host = host;
        GuildId = guildId;
        ChannelId = channelId;
        DatabasePath = databasePath;
        _keepDatabase = keepDatabase;
        StartToReady = startToReady;
    }

    public DiscordEmulator Emulator { get; }
    public EmulatorRest Discord => Emulator.Rest;
    public IHost Host { get; }
    public ulong GuildId { get; }
    public ulong ChannelId { get; }
    public string DatabasePath { get; }

    /// <summary>From building the host to the emulator receiving the command registration (READY comes just before it).</summary>
    public TimeSpan StartToReady { get; }

    /// <summary>
    /// Starts an emulator, a guild with one text channel, then the bot. <paramref name="seed"/> runs before the host opens
    /// the database, with the guild and channel ids; <paramref name="keepDatabase"/> leaves the file for a later run, and a
    /// <paramref name="sharedEmulator"/> (left running) lets that run find the same guild and channel.
    /// </summary>
    public static async Task<BenchBot> StartAsync(TimeProvider? time = null, Action<ulong, ulong, string>? seed = null, bool keepDatabase = false,
        DiscordEmulator? sharedEmulator = null)
    {
        var emulator = sharedEmulator ?? await DiscordEmulator.StartAsync(new EmulatorOptions());
        var guild = emulator.Rest.AddGuild("Bench server");
        var channel = emulator.Rest.AddChannel(guild, ChannelTypes.GuildText, "interview-prep");
        var databasePath = TempDatabasePath();
        seed?.Invoke(guild, channel, databasePath);

        var started = Stopwatch.GetTimestamp();
        var since = DateTimeOffset.UtcNow;
        var builder = BotHost.CreateBuilder([], time);
        builder.Configuration.AddInMemoryCollection(BotSettings(emulator, guild, databasePath));
        var host = builder.Build();
        await host.StartAsync();
        await emulator.Rest.WaitForRequestAsync(r => IsCommandRegistration(r) && r.Time >= since).WaitAsync(TimeSpan.FromSeconds(30));
        return new BenchBot(emulator, sharedEmulator is null, host, guild, channel, databasePath, keepDatabase, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The settings the bot needs to talk to the emulator, as configuration keys (also usable as environment variables).</summary>
    public static Dictionary<string, string?> BotSettings(DiscordEmulator emulator, ulong guildId, string databasePath) =>
        new(BotHost.EmulatorSettings(emulator.Options.BotToken, emulator.ApiBaseUrl, guildId, databasePath))
        {
            // Production would log at Information; Warning keeps console I/O out of the latency being measured.
            ["Logging:LogLevel:Default"] = "Warning",
        };

    public static string TempDatabasePath() => Path.Combine(Path.GetTempPath(), $"mleprep-bench-{Guid.NewGuid():N}.db");

    public static bool IsCommandRegistration(RecordedRequest request) =>
        request.Method == "PUT" && request.Path.EndsWith("/commands", StringComparison.Ordinal);

    public T Service<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    public static void DeleteDatabase(string path)
    {
        File.Delete(path);
        File.Delete(Path.ChangeExtension(path, null) + "-log.db");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync();
            Host.Dispose();
        }
        finally
        {
            if (_ownsEmulator)
            {
                await Emulator.DisposeAsync();
            }
            if (!_keepDatabase)
            {
                DeleteDatabase(DatabasePath);
            }
        }
    }
}
