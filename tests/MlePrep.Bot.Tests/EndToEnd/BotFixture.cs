using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlePrep.Bot.Emulated;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Tests.EndToEnd;

/// <summary>
/// The bot against the local Discord emulator (see <see cref="EmulatedBot"/>) in a study server with one text channel,
/// with the helpers the end-to-end tests share. The bot can be stopped and started again on the same emulator and database.
/// </summary>
internal sealed class BotFixture : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private EmulatedBot? _bot;
    private readonly bool _http;

    private BotFixture(DiscordEmulator emulator, ulong guildId, ulong channelId, string databasePath, bool http)
    {
        Emulator = emulator;
        GuildId = guildId;
        ChannelId = channelId;
        DatabasePath = databasePath;
        _http = http;
    }

    public DiscordEmulator Emulator { get; }
    public EmulatorRest Discord => Emulator.Rest;
    public IHost Host => (_bot ?? throw new InvalidOperationException("The bot is stopped.")).Host;
    public ulong GuildId { get; }
    public ulong ChannelId { get; }
    public string DatabasePath { get; }

    /// <summary>
    /// Starts an emulator and the bot against it; <paramref name="time"/> drives the bot's features (Quartz included),
    /// <paramref name="discordTime"/> the emulator's clock (nonce window, token lifetime); with <paramref name="http"/> the bot
    /// receives interactions on its HTTP endpoint (<c>Interactions:Mode</c> = <c>Http</c>) instead of the gateway.
    /// </summary>
    public static async Task<BotFixture> StartAsync(
        TimeProvider? time = null, string? databasePath = null, TimeProvider? discordTime = null, Action<IServiceCollection>? services = null,
        IReadOnlyDictionary<string, string?>? settings = null, bool http = false)
    {
        var emulator = await DiscordEmulator.StartAsync(new EmulatorOptions
        {
            HeartbeatInterval = TimeSpan.FromSeconds(5),
            TimeProvider = discordTime ?? TimeProvider.System,
            // A restarted bot cannot know when the one before it identified, and the emulator's clock may stand still:
            // these flows are not about the identify rate limit (ShardFlowTests is).
            IdentifyWindow = TimeSpan.Zero,
        });
        var guild = emulator.Rest.AddGuild("Study server");
        var channel = emulator.Rest.AddChannel(guild, ChannelTypes.GuildText, "interview-prep");
        var fixture = new BotFixture(emulator, guild, channel, databasePath ?? EmulatedBot.NewDatabasePath(), http);
        try
        {
            await fixture.StartBotAsync(time, settings, services);
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
        return fixture;
    }

    /// <summary>
    /// Starts the bot (again, after <see cref="StopBotAsync"/>) and waits until it is READY with its commands registered;
    /// <paramref name="settings"/> override the emulator settings; <paramref name="services"/> adds test handlers.
    /// </summary>
    public async Task StartBotAsync(TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = _http ? HttpSettings(Emulator) : [];
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        _bot = await EmulatedBot.StartAsync(Emulator, GuildId, time, new EmulatedBotOptions
        {
            DatabasePath = DatabasePath,
            Settings = all,
            Services = services,
            Quiet = true,
        });
        if (_http)
        {
            await Emulator.HttpInteractions.UseEndpointsAsync([_bot.InteractionsEndpoint!]);
        }
    }

    /// <summary>Http interactions mode with the emulator's public key, on a free port of this machine.</summary>
    public static Dictionary<string, string?> HttpSettings(DiscordEmulator emulator) => new()
    {
        ["Interactions:Mode"] = "Http",
        ["Interactions:PublicKey"] = emulator.HttpInteractions.PublicKey,
        ["Interactions:Url"] = "http://127.0.0.1:0",
    };

    public async Task StopBotAsync()
    {
        if (_bot is { } bot)
        {
            _bot = null;
            await bot.DisposeAsync();
        }
    }

    public T Service<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>The daily posts in a channel (the emulator also lists interaction replies there).</summary>
    public IReadOnlyList<Message> DailyPosts(ulong? channelId = null) =>
        Discord.Messages(channelId ?? ChannelId).Where(m => m.Embeds is [{ Title: { } title }] && title.StartsWith("Daily question ·", StringComparison.Ordinal)).ToList();

    /// <summary>Sends an interaction (through the gateway, or over HTTP) and waits for the bot's first callback.</summary>
    public async Task<(InjectedInteraction Interaction, InteractionCallback Callback)> SendAsync(InteractionSpec spec)
    {
        var injected = await Discord.InjectInteractionAsync(spec.ChannelId is null ? spec.InGuild(GuildId, ChannelId) : spec);
        var callback = await injected.Callback.WaitAsync(Timeout);
        return (injected, callback);
    }

    /// <summary>A slash command by a member (Manage Server when <paramref name="admin"/>).</summary>
    public Task<(InjectedInteraction Interaction, InteractionCallback Callback)> CommandAsync(string name, IReadOnlyDictionary<string, object>? options = null,
        string? subcommand = null, bool admin = false, ulong userId = Member) =>
        SendAsync(InteractionSpec.SlashCommand(name, options, subcommand)
            .InGuild(GuildId, ChannelId, admin ? AdminPermissions : InteractionSpec.MemberPermissions)
            .By(userId, $"member{userId % 1000}"));

    public const ulong Member = 1_200_000_000_000_000_100;

    /// <summary>VIEW_CHANNEL, SEND_MESSAGES, MANAGE_GUILD.</summary>
    public const string AdminPermissions = "3104";

    public static bool IsEphemeral(InteractionCallback callback) =>
        ((int?)callback.Data?["flags"] ?? 0) is var flags && (flags & MessageFlags.Ephemeral) != 0;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopBotAsync();
        }
        finally
        {
            await Emulator.DisposeAsync();
            EmulatedBot.DeleteDatabase(DatabasePath);
        }
    }
}
