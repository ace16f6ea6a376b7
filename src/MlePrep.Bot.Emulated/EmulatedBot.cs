using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlePrep.Bot.Interactions.Http;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Rest;

namespace MlePrep.Bot.Emulated;

/// <summary>
/// The real bot host (real DI, LiteDB in a file, the real question bank and Quartz) in this process, pointed at a local
/// Discord emulator: the one way the end-to-end tests, the benchmark and the sandbox start the bot. Disposing it stops the
/// host, and also disposes the emulator and deletes the database when they are the bot's own.
/// </summary>
public sealed class EmulatedBot : IAsyncDisposable
{
    private readonly bool _ownsDatabase;
    private readonly bool _ownsEmulator;
    private bool _started;

    private EmulatedBot(DiscordEmulator emulator, IHost host, ulong guildId, string databasePath, bool ownsDatabase, bool ownsEmulator)
    {
        Emulator = emulator;
        Host = host;
        GuildId = guildId;
        DatabasePath = databasePath;
        _ownsDatabase = ownsDatabase;
        _ownsEmulator = ownsEmulator;
    }

    public DiscordEmulator Emulator { get; }
    public EmulatorRest Discord => Emulator.Rest;
    public IHost Host { get; }

    /// <summary>The server the bot registers its commands in.</summary>
    public ulong GuildId { get; }

    public string DatabasePath { get; }

    public T Service<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>Where the bot's interactions endpoint answers, once started in Http mode (null in Gateway mode).</summary>
    public Uri? InteractionsEndpoint => Host.Services.GetService<HttpInteractionsServer>()?.EndpointUrl;

    /// <summary>
    /// Starts the bot against <paramref name="emulator"/>, registering its commands in <paramref name="guildId"/>, and
    /// returns once it is READY and they are registered; <paramref name="time"/> is the bot's clock (Quartz included).
    /// </summary>
    public static async Task<EmulatedBot> StartAsync(DiscordEmulator emulator, ulong guildId, TimeProvider? time = null, EmulatedBotOptions? options = null,
        CancellationToken ct = default)
    {
        var bot = Build(BotHost.CreateBuilder([], time, options?.Settings), emulator, guildId, options);
        try
        {
            await bot.StartAsync(ct);
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
        return bot;
    }

    /// <summary>
    /// Builds the bot's host without starting it, for a caller that reads the bot's own settings first (from
    /// <paramref name="builder"/>, made by <see cref="BotHost.CreateBuilder"/>) or uses its services before it starts.
    /// The emulator's settings go over the builder's, and <see cref="EmulatedBotOptions.Settings"/> over those; an
    /// <c>Interactions:Mode</c> among them must already be in the builder's configuration (it chooses services).
    /// </summary>
    public static EmulatedBot Build(HostApplicationBuilder builder, DiscordEmulator emulator, ulong guildId, EmulatedBotOptions? options = null)
    {
        options ??= new EmulatedBotOptions();
        var databasePath = options.DatabasePath ?? NewDatabasePath();
        builder.Configuration.AddInMemoryCollection(Settings(emulator, guildId, databasePath, options));
        options.Services?.Invoke(builder.Services);
        return new EmulatedBot(emulator, builder.Build(), guildId, databasePath, options.DatabasePath is null, options.OwnsEmulator);
    }

    /// <summary>
    /// The settings that point a bot at <paramref name="emulator"/>, as configuration keys (environment variables with
    /// <c>__</c> for <c>:</c>, for a bot in its own process).
    /// </summary>
    public static Dictionary<string, string?> Settings(DiscordEmulator emulator, ulong guildId, string databasePath, EmulatedBotOptions? options = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Discord:Token"] = emulator.Options.BotToken,
            ["Discord:ApiBaseUrl"] = emulator.ApiBaseUrl.ToString(),
            ["Discord:DevGuildId"] = guildId.ToString(CultureInfo.InvariantCulture),
            ["Storage:DatabasePath"] = databasePath,
        };
        if (options?.Quiet == true)
        {
            settings["Logging:LogLevel:Default"] = "Warning";
        }
        foreach (var (key, value) in options?.Settings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Starts the built host; returns once the bot is READY and its commands are registered.</summary>
    /// <exception cref="TimeoutException">Not READY and registered within <see cref="EmulatorReadiness.Timeout"/>.</exception>
    /// <exception cref="InvalidOperationException">The host stopped first (a service failed; it has logged why).</exception>
    public async Task StartAsync(CancellationToken ct = default)
    {
        var readiness = EmulatorReadiness.Before(Emulator, gateway: !InteractionsOptions.IsHttp(Service<IConfiguration>()));
        _started = true;
        await Host.StartAsync(ct);
        var stopping = Service<IHostApplicationLifetime>().ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping);
        try
        {
            await readiness.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new InvalidOperationException("The bot stopped before it was READY with its commands registered.");
        }
    }

    /// <summary>A new LiteDB file name in the temporary folder.</summary>
    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), $"mleprep-emulated-{Guid.NewGuid():N}.db");

    /// <summary>Deletes a LiteDB file with its log and the bot's lock file; missing files (and folders) are fine.</summary>
    public static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, Path.ChangeExtension(path, null) + "-log.db", path + ".lock" })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // A host that was only built has nothing to stop.
            if (_started)
            {
                await Host.StopAsync();
            }
            Host.Dispose();
        }
        finally
        {
            if (_ownsEmulator)
            {
                await Emulator.DisposeAsync();
            }
            if (_ownsDatabase)
            {
                DeleteDatabase(DatabasePath);
            }
        }
    }
}
