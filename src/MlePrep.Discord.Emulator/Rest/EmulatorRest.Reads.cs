using System.Globalization;
using System.Text.Json.Nodes;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>
/// Read routes (list messages, get channel, guild, member, current user) and the state behind permission checks:
/// roles with permissions, the bot's roles, and channel overwrites. A guild's @everyone role (id = guild id) starts
/// with <see cref="DefaultEveryonePermissions"/>, which is also what interactions carry as <c>app_permissions</c>.
/// </summary>
public sealed partial class EmulatorRest
{
    /// <summary>The @everyone role's permissions until a test changes them (view, send, embed, history, threads, mentions, …).</summary>
    public const ulong DefaultEveryonePermissions = 2248473465835073;

    /// <summary>Who owns every emulated guild: a member, never the bot.</summary>
    public const ulong GuildOwnerId = 1_200_000_000_000_000_001;

    private readonly Dictionary<(ulong Guild, ulong Role), EmulatedRole> _roles = [];
    private readonly Dictionary<ulong, HashSet<ulong>> _botRoles = [];
    private readonly Dictionary<ulong, List<PermissionOverwrite>> _overwrites = [];

    /// <summary>Creates or changes a role; the guild id names @everyone.</summary>
    public void SetRole(ulong guildId, ulong roleId, ulong permissions, bool mentionable = false, string name = "role")
    {
        lock (_state)
        {
            _roles[(guildId, roleId)] = new EmulatedRole(roleId == guildId ? "@everyone" : name, permissions, mentionable);
        }
    }

    /// <summary>Gives the bot's member a role.</summary>
    public void GiveBotRole(ulong guildId, ulong roleId)
    {
        lock (_state)
        {
            if (!_botRoles.TryGetValue(guildId, out var roles))
            {
                _botRoles[guildId] = roles = [];
            }
            roles.Add(roleId);
        }
    }

    /// <summary>Sets a channel's overwrite for a role (type 0; the guild id names @everyone) or a member (type 1).</summary>
    public void SetOverwrite(ulong channelId, ulong targetId, int type, ulong allow, ulong deny)
    {
        lock (_state)
        {
            if (!_overwrites.TryGetValue(channelId, out var list))
            {
                _overwrites[channelId] = list = [];
            }
            list.RemoveAll(o => o.Id == targetId);
            list.Add(new PermissionOverwrite { Id = targetId, Type = type, Allow = allow, Deny = deny });
        }
    }

    /// <summary>
    /// Adds CHANNEL (7) and ROLE (8) options to a slash command spec (under its sub-command, if any); the interaction
    /// then carries their <c>resolved</c> objects, as Discord's do.
    /// </summary>
    public static InteractionSpec WithEntityOptions(InteractionSpec spec, IReadOnlyDictionary<string, ulong>? channels = null, IReadOnlyDictionary<string, ulong>? roles = null)
    {
        var data = (JsonObject)spec.Data.DeepClone();
        var options = data.Arr("options") is [JsonObject { } first] && first.Int("type") is 1 or 2 ? Innermost(first) : Options(data);
        foreach (var (name, id) in channels ?? new Dictionary<string, ulong>())
        {
            options.Add(new JsonObject { ["name"] = name, ["type"] = 7, ["value"] = InteractionSpec.Id(id) });
        }
        foreach (var (name, id) in roles ?? new Dictionary<string, ulong>())
        {
            options.Add(new JsonObject { ["name"] = name, ["type"] = 8, ["value"] = InteractionSpec.Id(id) });
        }
        return spec with { Data = data };

        static JsonArray Innermost(JsonObject option) =>
            option.Arr("options") is [JsonObject { } child] && child.Int("type") == 1 ? Innermost(child) : Options(option);

        static JsonArray Options(JsonObject owner) => owner.Arr("options") ?? (JsonArray)(owner["options"] = new JsonArray());
    }

    /// <summary>
    /// Fills <c>data.resolved</c> for the CHANNEL and ROLE options of a guild command, as Discord does: channels as
    /// partial objects (id, name, type, the member's permissions there), roles as role objects. Values that name no
    /// channel or role of the guild are left unresolved. Caller holds the state lock.
    /// </summary>
    private void Resolve(JsonObject data, ulong guildId, string memberPermissions)
    {
        foreach (var option in Walk(data.Arr("options")))
        {
            var id = ulong.TryParse(option.Str("value"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
            var (kind, resolved) = option.Int("type") switch
            {
                7 when _channels.TryGetValue(id, out var channel) && channel.GuildId == guildId && !channel.Deleted => ("channels", new JsonObject
                {
                    ["id"] = InteractionSpec.Id(id), ["name"] = channel.Name, ["type"] = channel.Type, ["permissions"] = memberPermissions,
                }),
                8 when id == guildId || _roles.ContainsKey((guildId, id)) => ("roles", RoleJson(guildId, id)),
                _ => ((string?)null, (JsonObject?)null),
            };
            if (kind is not null)
            {
                var all = (JsonObject)(data["resolved"] ??= new JsonObject());
                ((JsonObject)(all[kind] ??= new JsonObject()))[InteractionSpec.Id(id)] = resolved;
            }
        }

        static IEnumerable<JsonObject> Walk(JsonArray? options) =>
            options?.OfType<JsonObject>().SelectMany(o => o.Int("type") is 1 or 2 ? Walk(o.Arr("options")) : [o]) ?? [];
    }

    private Reply ListMessages(Call call)
    {
        if (ChannelFor(call, out var channel) is { } denied)
        {
            return denied;
        }
        var limit = 50;
        if (call.Query.TryGetValue("limit", out var text)
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            var errors = new FormErrors();
            errors.Add("limit", "NUMBER_TYPE_MAX", "int value should be between 1 and 100.");
            return new(400, errors.ToBody());
        }
        var listed = new JsonArray();
        // Newest first; ephemeral replies belong to one member and are never listed. The nonce is left out: Discord
        // only promises it where the message is created, so a client must not rely on it here.
        foreach (var message in channel.Messages.Where(m => ((m.Int("flags") ?? 0) & MessageFlags.Ephemeral) == 0).Reverse().Take(limit))
        {
            var copy = (JsonObject)message.DeepClone();
            copy.Remove("nonce");
            listed.Add(copy);
        }
        return Ok(listed);
    }

    private Reply GetChannel(Call call)
    {
        if (!_channels.TryGetValue(call.Id("channel_id"), out var channel) || channel.Deleted)
        {
            return Error(404, 10003, "Unknown Channel");
        }
        if (channel.Access == ChannelAccess.MissingAccess)
        {
            return Error(403, 50001, "Missing Access");
        }
        var overwrites = new JsonArray();
        foreach (var o in _overwrites.GetValueOrDefault(channel.Id) ?? [])
        {
            overwrites.Add(new JsonObject
            {
                ["id"] = InteractionSpec.Id(o.Id), ["type"] = o.Type, ["allow"] = InteractionSpec.Id(o.Allow), ["deny"] = InteractionSpec.Id(o.Deny),
            });
        }
        return Ok(new JsonObject
        {
            ["id"] = InteractionSpec.Id(channel.Id), ["type"] = channel.Type, ["name"] = channel.Name,
            ["guild_id"] = channel.GuildId is { } g ? InteractionSpec.Id(g) : null, ["position"] = 0, ["permission_overwrites"] = overwrites,
            ["nsfw"] = false, ["parent_id"] = null,
        });
    }

    private Reply GetGuild(Call call)
    {
        var guildId = call.Id("guild_id");
        if (!_guilds.TryGetValue(guildId, out var guild))
        {
            return Error(404, 10004, "Unknown Guild");
        }
        var roles = new JsonArray(RoleJson(guildId, guildId));
        foreach (var ((g, roleId), _) in _roles.Where(r => r.Key.Guild == guildId && r.Key.Role != guildId))
        {
            roles.Add(RoleJson(g, roleId));
        }
        return Ok(new JsonObject
        {
            ["id"] = InteractionSpec.Id(guild.Id), ["name"] = guild.Name, ["owner_id"] = InteractionSpec.Id(GuildOwnerId), ["roles"] = roles,
            ["icon"] = null, ["features"] = new JsonArray(), ["emojis"] = new JsonArray(), ["preferred_locale"] = "en-US",
        });
    }

    private Reply GetMember(Call call)
    {
        var guildId = call.Id("guild_id");
        if (!_guilds.ContainsKey(guildId))
        {
            return Error(404, 10004, "Unknown Guild");
        }
        if (call.Id("user_id") != Options.BotUserId)
        {
            return Error(404, 10007, "Unknown Member");
        }
        var roles = new JsonArray();
        foreach (var role in _botRoles.GetValueOrDefault(guildId) ?? [])
        {
            roles.Add(InteractionSpec.Id(role));
        }
        return Ok(new JsonObject
        {
            ["user"] = BotUserJson(), ["nick"] = null, ["roles"] = roles, ["joined_at"] = call.Now.AddDays(-30).ToString("O", CultureInfo.InvariantCulture),
            ["deaf"] = false, ["mute"] = false, ["flags"] = 0, ["pending"] = false,
        });
    }

    /// <summary>The bot's permissions in a channel, from the roles and overwrites above (what <c>app_permissions</c> says).</summary>
    private ulong BotPermissions(ulong guildId, ulong channelId)
    {
        var roles = new List<GuildRole> { Role(guildId) };
        roles.AddRange(_roles.Keys.Where(k => k.Guild == guildId && k.Role != guildId).Select(k => Role(k.Role)));
        var guild = new GuildInfo { Id = guildId, OwnerId = GuildOwnerId, Roles = roles };
        var channel = new ChannelInfo { Id = channelId, GuildId = guildId, PermissionOverwrites = _overwrites.GetValueOrDefault(channelId) ?? [] };
        return ChannelPermissions.Compute(guild, Options.BotUserId, _botRoles.GetValueOrDefault(guildId) ?? [], channel);

        GuildRole Role(ulong id) => new() { Id = id, Permissions = RoleOf(guildId, id).Permissions };
    }

    private Reply GetCurrentUser(Call call) => Ok(BotUserJson());

    // The application object's always-present fields; its bot user is a different id from the application, as in old apps.
    private Reply GetCurrentApplication(Call call) => Ok(new JsonObject
    {
        ["id"] = InteractionSpec.Id(Options.ApplicationId), ["name"] = "MlePrep", ["icon"] = null, ["description"] = "", ["bot_public"] = true,
        ["bot_require_code_grant"] = false, ["verify_key"] = Http.PublicKey, ["flags"] = 0, ["bot"] = BotUserJson(),
    });

    private JsonObject BotUserJson() => new()
    {
        ["id"] = InteractionSpec.Id(Options.BotUserId), ["username"] = "MlePrep", ["discriminator"] = "0", ["global_name"] = null, ["avatar"] = null,
        ["bot"] = true,
    };

    private EmulatedRole RoleOf(ulong guildId, ulong roleId) =>
        _roles.GetValueOrDefault((guildId, roleId))
        ?? (roleId == guildId ? new EmulatedRole("@everyone", DefaultEveryonePermissions, Mentionable: false) : throw new ArgumentException("Unknown role; call SetRole first."));

    private JsonObject RoleJson(ulong guildId, ulong roleId)
    {
        var role = RoleOf(guildId, roleId);
        return new JsonObject
        {
            ["id"] = InteractionSpec.Id(roleId), ["name"] = role.Name, ["permissions"] = InteractionSpec.Id(role.Permissions), ["color"] = 0, ["hoist"] = false,
            ["position"] = roleId == guildId ? 0 : 1, ["managed"] = false, ["mentionable"] = role.Mentionable, ["flags"] = 0,
        };
    }

    private sealed record EmulatedRole(string Name, ulong Permissions, bool Mentionable);
}
