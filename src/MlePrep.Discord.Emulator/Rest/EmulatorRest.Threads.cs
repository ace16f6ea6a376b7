using System.Globalization;
using System.Text.Json.Nodes;
using MlePrep.Discord.Interactions;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>Route handlers for threads. They run under the state lock.</summary>
public sealed partial class EmulatorRest
{
    private static readonly int[] ArchiveDurations = [60, 1440, 4320, 10080];

    private Reply StartThread(Call call)
    {
        if (ChannelFor(call, out var channel) is { } denied)
        {
            return denied;
        }
        if (channel.Find(call.Id("message_id")) is not { } message)
        {
            return Error(404, 10008, "Unknown Message");
        }
        var errors = new FormErrors();
        errors.Length("name", call.Body.Str("name"), 1, 100);
        if (call.Body.Int("auto_archive_duration") is { } duration && !ArchiveDurations.Contains((int)duration))
        {
            errors.Add("auto_archive_duration", "BASE_TYPE_CHOICES", "Value must be one of (60, 1440, 4320, 10080).");
        }
        if (errors.Any)
        {
            return new(400, errors.ToBody());
        }
        if (message.Has("thread"))
        {
            return Error(400, 160004, "A thread has already been created for this message");
        }
        if (channel.GuildId is { } guild && (BotPermissions(guild, channel.Id) & DiscordPermissions.CreatePublicThreads) == 0)
        {
            return Error(403, 50013, "Missing Permissions");
        }
        var threadType = channel.Type == ChannelTypes.GuildAnnouncement ? 10 : ChannelTypes.PublicThread;
        var thread = new Channel(Id(message), channel.GuildId, threadType, call.Body.Str("name")) { ParentId = channel.Id };
        _channels[thread.Id] = thread;
        var json = ThreadJson(thread, call, invitable: null);
        message["thread"] = json.DeepClone();
        Feed.Message(message);
        Feed.ThreadsChanged();
        return new(201, json);
    }

    // Start Thread without Message: type 11 (the default) or 12 in a text channel, 10 in an announcement channel; a private
    // thread needs Create Private Threads, a public one Create Public Threads. The creator joins it.
    private Reply StartThreadWithoutMessage(Call call)
    {
        if (ChannelFor(call, out var channel) is { } denied)
        {
            return denied;
        }
        var errors = new FormErrors();
        errors.Length("name", call.Body.Str("name"), 1, 100);
        if (call.Body.Int("auto_archive_duration") is { } duration && !ArchiveDurations.Contains((int)duration))
        {
            errors.Add("auto_archive_duration", "BASE_TYPE_CHOICES", "Value must be one of (60, 1440, 4320, 10080).");
        }
        var type = (int?)call.Body.Int("type") ?? ChannelTypes.PublicThread;
        if (type is not (10 or ChannelTypes.PublicThread or ChannelTypes.PrivateThread))
        {
            errors.Add("type", "BASE_TYPE_CHOICES", "Value must be one of (10, 11, 12).");
        }
        if (errors.Any)
        {
            return new(400, errors.ToBody());
        }
        var fits = channel.Type switch
        {
            ChannelTypes.GuildText => type is ChannelTypes.PublicThread or ChannelTypes.PrivateThread,
            ChannelTypes.GuildAnnouncement => type == 10,
            _ => false,
        };
        if (!fits || channel.GuildId is not { } guildId)
        {
            return Error(400, 50024, "Cannot execute action on this channel type");
        }
        var needed = type == ChannelTypes.PrivateThread ? DiscordPermissions.CreatePrivateThreads : DiscordPermissions.CreatePublicThreads;
        if ((BotPermissions(guildId, channel.Id) & needed) == 0)
        {
            return Error(403, 50013, "Missing Permissions");
        }
        var thread = new Channel(NextId(), guildId, type, call.Body.Str("name")) { ParentId = channel.Id };
        thread.Members.Add(Options.BotUserId);
        _channels[thread.Id] = thread;
        Feed.ThreadsChanged();
        return new(201, ThreadJson(thread, call, type == ChannelTypes.PrivateThread ? call.Body.Bool("invitable") ?? true : null));
    }

    // Add Thread Member: threads only, and not an archived one (the emulator never archives). Adding twice changes nothing.
    private Reply AddThreadMember(Call call)
    {
        if (ChannelFor(call, out var thread) is { } denied)
        {
            return denied;
        }
        if (thread.ParentId is null)
        {
            return Error(400, 50024, "Cannot execute action on this channel type");
        }
        if (thread.Members.Add(call.Id("user_id")))
        {
            Feed.ThreadsChanged();
        }
        return NoContent();
    }

    private JsonObject ThreadJson(Channel thread, Call call, bool? invitable)
    {
        var metadata = new JsonObject
        {
            ["archived"] = false, ["auto_archive_duration"] = call.Body.Int("auto_archive_duration") ?? 4320, ["locked"] = false,
            ["archive_timestamp"] = call.Now.ToString("O", CultureInfo.InvariantCulture),
        };
        if (invitable is { } value)
        {
            metadata["invitable"] = value;
        }
        return new JsonObject
        {
            ["id"] = InteractionSpec.Id(thread.Id),
            ["type"] = thread.Type,
            ["guild_id"] = thread.GuildId is { } g ? InteractionSpec.Id(g) : null,
            ["parent_id"] = InteractionSpec.Id(thread.ParentId!.Value),
            ["name"] = thread.Name,
            ["owner_id"] = InteractionSpec.Id(Options.BotUserId),
            ["thread_metadata"] = metadata,
        };
    }
}
