using System.Text.Json.Nodes;
using System.Threading.Channels;
using MlePrep.Discord.Emulator.Browser;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>The hooks the browser API reads state through: raw message JSON and a change feed.</summary>
public sealed partial class EmulatorRest
{
    internal BrowserFeed Feed { get; } = new();

    /// <summary>Subscribes to the feed and returns the messages of <paramref name="channelIds"/> as they stand, atomically: nothing falls between.</summary>
    internal (ChannelReader<string> Events, JsonArray Snapshot) SubscribeBrowser(IEnumerable<ulong> channelIds)
    {
        lock (_state)
        {
            var snapshot = new JsonArray();
            // A channel's threads come with it.
            var ids = channelIds.ToHashSet();
            ids.UnionWith(_channels.Values.Where(c => c.ParentId is { } parent && ids.Contains(parent)).Select(c => c.Id));
            foreach (var id in ids)
            {
                if (_channels.TryGetValue(id, out var channel))
                {
                    foreach (var message in channel.Messages)
                    {
                        snapshot.Add(message.DeepClone());
                    }
                }
            }
            return (Feed.Subscribe(), snapshot);
        }
    }

    /// <summary>The registered commands of a scope as raw JSON (what a Discord client receives).</summary>
    internal JsonArray CommandsJson(ulong guildId)
    {
        lock (_state)
        {
            var commands = new JsonArray();
            foreach (var scope in new[] { guildId, 0UL })
            {
                foreach (var command in _commands.GetValueOrDefault(scope) ?? [])
                {
                    commands.Add(command.DeepClone());
                }
            }
            return commands;
        }
    }
}
