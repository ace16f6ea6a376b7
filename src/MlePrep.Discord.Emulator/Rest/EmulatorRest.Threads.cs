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
        var threadType = channel.Type == ChannelTypes.GuildAnnouncement ? 10 : ChannelTypes.PublicThread;
        var thread = new Channel(Id(message), channel.GuildId, threadType, call.Body.Str("name"));
        _channels[thread.Id] = thread;
        var json = new JsonObject
        {
            ["id"] = InteractionSpec.Id(thread.Id),
            ["type"] = threadType,
            ["guild_id"] = channel.GuildId is { } g ? InteractionSpec.Id(g) : null,
            ["parent_id"] = InteractionSpec.Id(channel.Id),
            ["name"] = thread.Name,
            ["owner_id"] = InteractionSpec.Id(Options.BotUserId),
            ["thread_metadata"] = new JsonObject
            {
                ["archived"] = false, ["auto_archive_duration"] = call.Body.Int("auto_archive_duration") ?? 4320, ["locked"] = false,
                ["archive_timestamp"] = call.Now.ToString("O", CultureInfo.InvariantCulture),
            },
        };
        message["thread"] = json.DeepClone();
        Feed.Message(message);
        return new(201, json);
    }
}
