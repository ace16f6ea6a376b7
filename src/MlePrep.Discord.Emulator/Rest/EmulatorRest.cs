using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;
using MlePrep.Discord.Serialization;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>
/// The emulator's HTTP API and the state behind it: guilds, channels, messages, threads, application commands and
/// interactions, with Discord's validation, error codes and rate limits. Tests arrange state and read what happened here.
/// </summary>
public sealed partial class EmulatorRest(EmulatorOptions options)
{
    private const string Prefix = "/api/v10";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan NonceWindow = TimeSpan.FromMinutes(5);

    private readonly Lock _state = new();
    private readonly EmulatedLimits _limits = new(options);
    private readonly List<RecordedRequest> _requests = [];
    private readonly Dictionary<ulong, Guild> _guilds = [];
    private readonly Dictionary<ulong, Channel> _channels = [];
    private readonly Dictionary<(ulong Channel, string Nonce), (ulong MessageId, DateTimeOffset At)> _nonces = [];
    private readonly Dictionary<ulong, List<JsonObject>> _commands = [];
    private readonly Dictionary<ulong, InjectedInteraction> _interactions = [];
    private readonly Dictionary<string, InjectedInteraction> _byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, ulong> _dmChannels = [];
    private readonly Waiters<Message> _messages = new();
    private readonly Waiters<RecordedRequest> _recorded = new();
    private ulong _increment;

    internal EmulatorOptions Options { get; } = options;

    /// <summary>Where INTERACTION_CREATE goes. The gateway sets itself here; tests may substitute their own.</summary>
    public IGatewayDispatcher? Dispatcher { get; set; }

    /// <summary>Every request so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_state)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Completes with the first recorded request (existing or later) that matches.</summary>
    public Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> match, CancellationToken ct = default)
    {
        lock (_state)
        {
            return _recorded.WaitAsync(match, [.. _requests], ct);
        }
    }

    /// <summary>How many 429s the emulator has sent (scripted and real).</summary>
    public int RateLimitedCount
    {
        get
        {
            lock (_state)
            {
                return _limits.RateLimitedCount;
            }
        }
    }

    /// <summary>The guilds the bot is in, for READY and GUILD_CREATE.</summary>
    public IReadOnlyList<(ulong Id, string Name)> GuildList()
    {
        lock (_state)
        {
            return [.. _guilds.Values.OrderBy(g => g.Id).Select(g => (g.Id, g.Name))];
        }
    }

    /// <summary>Adds a guild the bot is in.</summary>
    public ulong AddGuild(string name = "Test guild")
    {
        lock (_state)
        {
            var id = NextId();
            _guilds[id] = new Guild(id, name);
            return id;
        }
    }

    /// <summary>Adds a channel (0 text, 2 voice, 5 announcement) to a guild.</summary>
    public ulong AddChannel(ulong guildId, int type = ChannelTypes.GuildText, string name = "general")
    {
        lock (_state)
        {
            if (!_guilds.ContainsKey(guildId))
            {
                throw new ArgumentException("Unknown guild; call AddGuild first.", nameof(guildId));
            }
            var id = NextId();
            _channels[id] = new Channel(id, guildId, type, name);
            return id;
        }
    }

    /// <summary>Makes a channel answer 403 50013 or 50001 to the bot, or lets it in again.</summary>
    public void SetChannelAccess(ulong channelId, ChannelAccess access)
    {
        lock (_state)
        {
            _channels[channelId].Access = access;
        }
    }

    /// <summary>Deletes a channel: later requests to it get 404 10003 (interactions already in it can still be answered).</summary>
    public void RemoveChannel(ulong channelId)
    {
        lock (_state)
        {
            _channels[channelId].Deleted = true;
        }
    }

    /// <summary>The members of a thread (the bot included once it has joined), or an empty set for any other channel.</summary>
    public IReadOnlySet<ulong> ThreadMembers(ulong threadId)
    {
        lock (_state)
        {
            return _channels.TryGetValue(threadId, out var channel) ? channel.Members.ToHashSet() : new HashSet<ulong>();
        }
    }

    /// <summary>The channels started in <paramref name="parentId"/> as threads, by id, with their type (11 public, 12 private).</summary>
    public IReadOnlyList<(ulong Id, int Type, string? Name)> Threads(ulong parentId)
    {
        lock (_state)
        {
            return [.. _channels.Values.Where(c => c.ParentId == parentId && !c.Deleted).Select(c => (c.Id, c.Type, c.Name))];
        }
    }

    /// <summary>The threads of these channels as a browser sees them: id, name, parent, type and, for private ones, members.</summary>
    internal JsonArray ThreadsJson(IReadOnlyCollection<ulong> parentIds)
    {
        lock (_state)
        {
            return new JsonArray([.. _channels.Values.Where(c => c.ParentId is { } p && parentIds.Contains(p) && !c.Deleted).OrderBy(c => c.Id).Select(c => new JsonObject
            {
                ["id"] = InteractionSpec.Id(c.Id), ["name"] = c.Name, ["parent_id"] = InteractionSpec.Id(c.ParentId!.Value), ["type"] = c.Type,
                ["members"] = new JsonArray([.. c.Members.Select(m => JsonValue.Create(InteractionSpec.Id(m)))]),
            })]);
        }
    }

    /// <summary>Whether <paramref name="userId"/> may act in <paramref name="threadId"/>, a thread of one of <paramref name="parentIds"/>: any public one, a private one they were added to.</summary>
    internal bool CanUseThread(ulong threadId, IReadOnlyCollection<ulong> parentIds, ulong userId)
    {
        lock (_state)
        {
            return _channels.TryGetValue(threadId, out var thread) && !thread.Deleted && thread.ParentId is { } parent && parentIds.Contains(parent)
                && (thread.Type != ChannelTypes.PrivateThread || thread.Members.Contains(userId));
        }
    }

    /// <summary>The messages of a channel, oldest first.</summary>
    public IReadOnlyList<Message> Messages(ulong channelId)
    {
        lock (_state)
        {
            return _channels.TryGetValue(channelId, out var channel) ? [.. channel.Messages.Select(ToMessage)] : [];
        }
    }

    /// <summary>Completes with the first message in the channel, existing or created/edited later, that matches.</summary>
    public Task<Message> WaitForMessageAsync(ulong channelId, Func<Message, bool>? match = null, CancellationToken ct = default)
    {
        lock (_state)
        {
            var existing = _channels.TryGetValue(channelId, out var channel) ? channel.Messages.Select(ToMessage).ToList() : [];
            return _messages.WaitAsync(m => m.ChannelId == channelId && (match?.Invoke(m) ?? true), existing, ct);
        }
    }

    /// <summary>The registered commands: global when <paramref name="guildId"/> is null.</summary>
    public IReadOnlyList<ApplicationCommand> Commands(ulong? guildId = null)
    {
        lock (_state)
        {
            return _commands.TryGetValue(guildId ?? 0, out var list)
                ? [.. list.Select(c => c.Deserialize(DiscordJsonContext.Default.ApplicationCommand)!)]
                : [];
        }
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> requests to <paramref name="route"/> ("METHOD /template", e.g.
    /// "POST /channels/{channel_id}/messages", as in <see cref="DiscordApiException.Route"/>) misbehave.
    /// </summary>
    public void ScriptFault(string route, int count, EmulatorFault fault)
    {
        lock (_state)
        {
            _limits.Script(route, count, fault);
        }
    }

    /// <summary>
    /// Creates an interaction (id from now, fresh token), POSTs it to the bot when HTTP interactions are on (see
    /// <see cref="DiscordEmulator.HttpInteractions"/>), else delivers INTERACTION_CREATE through <see cref="Dispatcher"/> when
    /// one is set, and returns a handle whose <see cref="InjectedInteraction.Callback"/> completes with the bot's first callback.
    /// </summary>
    public async Task<InjectedInteraction> InjectInteractionAsync(InteractionSpec spec, CancellationToken ct = default)
    {
        InjectedInteraction injected;
        lock (_state)
        {
            injected = CreateInteraction(spec);
        }
        if (Http.Enabled)
        {
            // With an Interactions Endpoint URL, Discord POSTs instead of dispatching: never both.
            injected.SentTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
            Http.Deliver(injected);
        }
        else if (Dispatcher is { } dispatcher)
        {
            injected.SentTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
            await dispatcher.DispatchAsync("INTERACTION_CREATE", injected.Json).WaitAsync(ct);
        }
        return injected;
    }

    internal void Map(WebApplication app)
    {
        app.Map(Prefix + "/{**path}", HandleAsync);
        MapAttachments(app);
    }

    private InjectedInteraction CreateInteraction(InteractionSpec spec)
    {
        var now = Now();
        var id = NextId();
        var token = "aW50ZXJhY3Rpb246" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var user = new JsonObject
        {
            ["id"] = InteractionSpec.Id(spec.UserId), ["username"] = spec.Username, ["discriminator"] = "0", ["global_name"] = null, ["avatar"] = null,
        };
        var data = (JsonObject)spec.Data.DeepClone();
        if (spec.Type is InteractionType.ApplicationCommand or InteractionType.ApplicationCommandAutocomplete)
        {
            data["id"] = InteractionSpec.Id(CommandId(spec.GuildId, data.Str("name")));
            if (spec.GuildId is { } commandGuild && _commands.ContainsKey(commandGuild))
            {
                data["guild_id"] = InteractionSpec.Id(commandGuild);
            }
        }
        var json = new JsonObject
        {
            ["id"] = InteractionSpec.Id(id),
            ["application_id"] = InteractionSpec.Id(Options.ApplicationId),
            ["type"] = (int)spec.Type,
            ["data"] = data,
            ["token"] = token,
            ["version"] = 1,
            ["app_permissions"] = "2248473465835073",
            ["locale"] = spec.Locale,
            ["entitlements"] = new JsonArray(),
            ["attachment_size_limit"] = Options.AttachmentSizeLimit,
        };
        ulong channelId;
        if (spec.GuildId is { } guildId)
        {
            channelId = spec.ChannelId ?? throw new ArgumentException("A guild interaction needs a channel.", nameof(spec));
            var channel = _channels.TryGetValue(channelId, out var c) ? c : throw new ArgumentException("Unknown channel; call AddChannel first.", nameof(spec));
            json["guild_id"] = InteractionSpec.Id(guildId);
            json["guild_locale"] = "en-US";
            json["context"] = 0;
            json["authorizing_integration_owners"] = new JsonObject { ["0"] = InteractionSpec.Id(guildId) };
            json["channel"] = new JsonObject
            {
                ["id"] = InteractionSpec.Id(channelId), ["type"] = channel.Type, ["name"] = channel.Name, ["guild_id"] = InteractionSpec.Id(guildId),
            };
            json["member"] = new JsonObject
            {
                ["user"] = user, ["roles"] = new JsonArray(), ["permissions"] = spec.Permissions, ["joined_at"] = now.AddDays(-30).ToString("O", CultureInfo.InvariantCulture),
                ["nick"] = null, ["deaf"] = false, ["mute"] = false, ["pending"] = false, ["flags"] = 0,
            };
            json["app_permissions"] = InteractionSpec.Id(BotPermissions(guildId, channelId));
            Resolve(data, guildId, spec.Permissions);
        }
        else
        {
            channelId = spec.ChannelId ?? DmChannel(spec.UserId);
            json["context"] = 1;
            json["authorizing_integration_owners"] = new JsonObject { ["0"] = InteractionSpec.Id(spec.UserId) };
            json["channel"] = new JsonObject { ["id"] = InteractionSpec.Id(channelId), ["type"] = ChannelTypes.DirectMessage };
            json["user"] = user;
        }
        json["channel_id"] = InteractionSpec.Id(channelId);
        if (spec.MessageId is { } messageId)
        {
            var message = _channels[channelId].Find(messageId) ?? throw new ArgumentException("The component's message is not in the channel.", nameof(spec));
            json["message"] = message.DeepClone();
        }
        var text = json.ToJsonString();
        var interaction = JsonSerializer.Deserialize(text, DiscordJsonContext.Default.Interaction)!;
        var injected = new InjectedInteraction(interaction, text, now, _state);
        _interactions[id] = injected;
        _byToken[token] = injected;
        return injected;
    }

    private ulong CommandId(ulong? guildId, string? name)
    {
        foreach (var scope in guildId is { } g ? new ulong[] { g, 0 } : [0])
        {
            if (_commands.TryGetValue(scope, out var list) && list.FirstOrDefault(c => c.Str("name") == name) is { } command)
            {
                return ulong.Parse(command.Str("id")!, CultureInfo.InvariantCulture);
            }
        }
        return NextId();
    }

    private ulong DmChannel(ulong userId)
    {
        if (!_dmChannels.TryGetValue(userId, out var id))
        {
            id = NextId();
            _channels[id] = new Channel(id, null, ChannelTypes.DirectMessage, null);
            _dmChannels[userId] = id;
        }
        return id;
    }

    private DateTimeOffset Now() => Options.TimeProvider.GetUtcNow();

    private ulong NextId() => Snowflake.FromTimestamp(Now(), ++_increment);

    private static Message ToMessage(JsonObject json) => json.Deserialize(DiscordJsonContext.Default.Message)!;

    private sealed record Guild(ulong Id, string Name);

    private sealed class Channel(ulong id, ulong? guildId, int type, string? name)
    {
        public ulong Id { get; } = id;
        public ulong? GuildId { get; } = guildId;
        public int Type { get; } = type;
        public string? Name { get; } = name;
        public ChannelAccess Access { get; set; }
        public bool Deleted { get; set; }
        public List<JsonObject> Messages { get; } = [];
        /// <summary>For threads: the channel it is in, and who has joined it.</summary>
        public ulong? ParentId { get; init; }
        public HashSet<ulong> Members { get; } = [];

        public JsonObject? Find(ulong messageId) =>
            Messages.FirstOrDefault(m => m.Str("id") == messageId.ToString(CultureInfo.InvariantCulture));
    }
}
