using System.Globalization;
using System.Text.Json.Nodes;
using MlePrep.Discord.Interactions;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>Which shape a modal submit's components arrive in.</summary>
public enum ModalShape
{
    /// <summary>Label → Text Input (current, since 2025-08).</summary>
    Label,
    /// <summary>Action Row → Text Input (legacy).</summary>
    ActionRow,
}

/// <summary>
/// What to inject as INTERACTION_CREATE. Build with <see cref="SlashCommand"/>, <see cref="Button"/>, <see cref="ModalSubmit"/> or
/// <see cref="Autocomplete"/>, then place it with <see cref="InGuild"/> or <see cref="InDm"/>.
/// </summary>
public sealed record InteractionSpec
{
    /// <summary>Default member permissions: VIEW_CHANNEL, SEND_MESSAGES, USE_APPLICATION_COMMANDS.</summary>
    public const string MemberPermissions = "2147486720";

    /// <summary>Interaction type.</summary>
    public required InteractionType Type { get; init; }
    /// <summary>The <c>data</c> object.</summary>
    public required JsonObject Data { get; init; }
    /// <summary>Guild, or null for a DM.</summary>
    public ulong? GuildId { get; init; }
    /// <summary>Channel (a DM channel is made up when null in a DM).</summary>
    public ulong? ChannelId { get; init; }
    /// <summary>The member's permissions string in the channel (guild only).</summary>
    public string Permissions { get; init; } = MemberPermissions;
    /// <summary>Invoking user id.</summary>
    public ulong UserId { get; init; } = 1_200_000_000_000_000_100;
    /// <summary>Invoking user name.</summary>
    public string Username { get; init; } = "tester";
    /// <summary>The message a component is on (id in this channel); required for buttons.</summary>
    public ulong? MessageId { get; init; }
    /// <summary>User locale.</summary>
    public string Locale { get; init; } = "en-US";

    /// <summary>In a guild channel, as a member with <paramref name="permissions"/>.</summary>
    public InteractionSpec InGuild(ulong guildId, ulong channelId, string permissions = MemberPermissions) =>
        this with { GuildId = guildId, ChannelId = channelId, Permissions = permissions };

    /// <summary>In the bot's DM with the user.</summary>
    public InteractionSpec InDm() => this with { GuildId = null, ChannelId = null };

    /// <summary>Invoked by this user.</summary>
    public InteractionSpec By(ulong userId, string username) => this with { UserId = userId, Username = username };

    /// <summary>A CHAT_INPUT command; options by name (string, long/int, double, bool), optionally under a sub-command (and group).</summary>
    public static InteractionSpec SlashCommand(string name, IReadOnlyDictionary<string, object>? options = null, string? subcommand = null,
        string? subcommandGroup = null) => new()
    {
        Type = InteractionType.ApplicationCommand,
        Data = Command(name, Options(options, focused: null), subcommand, subcommandGroup),
    };

    /// <summary>Autocomplete for <paramref name="focusedOption"/>, typed so far as <paramref name="partial"/>.</summary>
    public static InteractionSpec Autocomplete(string name, string focusedOption, string partial, IReadOnlyDictionary<string, object>? otherOptions = null,
        string? subcommand = null, string? subcommandGroup = null)
    {
        var options = new Dictionary<string, object>(otherOptions ?? new Dictionary<string, object>()) { [focusedOption] = partial };
        return new()
        {
            Type = InteractionType.ApplicationCommandAutocomplete,
            Data = Command(name, Options(options, focusedOption), subcommand, subcommandGroup),
        };
    }

    /// <summary>A click on the button <paramref name="customId"/> of message <paramref name="messageId"/> (which must exist in the channel).</summary>
    public static InteractionSpec Button(string customId, ulong messageId) => new()
    {
        Type = InteractionType.MessageComponent,
        Data = new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 },
        MessageId = messageId,
    };

    /// <summary>A choice in the string select <paramref name="customId"/> of message <paramref name="messageId"/>: the values picked.</summary>
    public static InteractionSpec Select(string customId, IReadOnlyList<string> values, ulong messageId) => new()
    {
        Type = InteractionType.MessageComponent,
        Data = new JsonObject { ["custom_id"] = customId, ["component_type"] = 3, ["values"] = new JsonArray([.. values.Select(v => (JsonNode?)v)]) },
        MessageId = messageId,
    };

    /// <summary>
    /// A modal submit with text input values by custom id and, as Discord sends a String Select in a Label, the values picked
    /// in each select (<c>{"type":18,"component":{"type":3,"custom_id":…,"values":[…]}}</c>; Labels only).
    /// </summary>
    public static InteractionSpec ModalSubmit(string customId, IReadOnlyDictionary<string, string> values, ModalShape shape = ModalShape.Label, ulong? messageId = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? selects = null)
    {
        var components = new JsonArray();
        var id = 1;
        foreach (var (selectId, picked) in selects ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            var select = new JsonObject { ["type"] = 3, ["custom_id"] = selectId, ["values"] = new JsonArray([.. picked.Select(v => (JsonNode?)v)]) };
            components.Add(new JsonObject { ["type"] = 18, ["id"] = id++, ["component"] = select });
            select["id"] = id++;
        }
        foreach (var (inputId, value) in values)
        {
            var input = new JsonObject { ["type"] = 4, ["custom_id"] = inputId, ["value"] = value };
            if (shape == ModalShape.Label)
            {
                components.Add(new JsonObject { ["type"] = 18, ["id"] = id++, ["component"] = input });
                input["id"] = id++;
            }
            else
            {
                components.Add(new JsonObject { ["type"] = 1, ["components"] = new JsonArray(input) });
            }
        }
        return new()
        {
            Type = InteractionType.ModalSubmit,
            Data = new JsonObject { ["custom_id"] = customId, ["components"] = components },
            MessageId = messageId,
        };
    }

    private static JsonObject Command(string name, JsonArray options, string? subcommand, string? group)
    {
        if (subcommand is not null)
        {
            options = [new JsonObject { ["name"] = subcommand, ["type"] = 1, ["options"] = options }];
            if (group is not null)
            {
                options = [new JsonObject { ["name"] = group, ["type"] = 2, ["options"] = options }];
            }
        }
        var data = new JsonObject { ["name"] = name, ["type"] = 1 };
        if (options.Count > 0)
        {
            data["options"] = options;
        }
        return data;
    }

    private static JsonArray Options(IReadOnlyDictionary<string, object>? options, string? focused)
    {
        var array = new JsonArray();
        foreach (var (name, value) in options ?? new Dictionary<string, object>())
        {
            var (type, node) = value switch
            {
                string s => (3, JsonValue.Create(s)),
                bool b => (5, JsonValue.Create(b)),
                int i => (4, JsonValue.Create(i)),
                long l => (4, JsonValue.Create(l)),
                double d => (10, JsonValue.Create(d)),
                _ => throw new ArgumentException($"Option {name}: unsupported value type {value.GetType().Name}.", nameof(options)),
            };
            var option = new JsonObject { ["name"] = name, ["type"] = type, ["value"] = node };
            if (name == focused)
            {
                option["focused"] = true;
            }
            array.Add(option);
        }
        return array;
    }

    internal static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);
}
