using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace MlePrep.Discord.Emulator.Browser;

/// <summary>
/// What the bot does, as server-sent events for a browser: every subscriber gets its own unbounded queue, so publishing
/// (done under the emulator's state lock) never waits on a slow page.
/// </summary>
internal sealed class BrowserFeed
{
    private readonly Lock _gate = new();
    private readonly List<Channel<string>> _subscribers = [];

    public ChannelReader<string> Subscribe()
    {
        var channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }
        return channel.Reader;
    }

    public void Unsubscribe(ChannelReader<string> reader)
    {
        lock (_gate)
        {
            _subscribers.RemoveAll(c => c.Reader == reader);
        }
    }

    /// <summary>A message created or changed (content, embeds, components, flags, thread).</summary>
    public void Message(JsonObject message) => Publish("message", message);

    public void MessageDeleted(ulong channelId, ulong messageId) =>
        Publish("message_deleted", new JsonObject { ["channel_id"] = channelId.ToString(CultureInfo.InvariantCulture), ["id"] = messageId.ToString(CultureInfo.InvariantCulture) });

    /// <summary>A thread was started or someone joined one; the page reloads the threads.</summary>
    public void ThreadsChanged() => Publish("threads", new JsonObject());

    /// <summary>The bot overwrote its commands; the page reloads them.</summary>
    public void CommandsChanged() => Publish("commands", new JsonObject());

    private void Publish(string kind, JsonNode data)
    {
        lock (_gate)
        {
            if (_subscribers.Count == 0)
            {
                return;
            }
            // One SSE frame; compact JSON never contains a raw newline, so a single data line is enough.
            var frame = $"event: {kind}\ndata: {data.ToJsonString()}\n\n";
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(frame);
            }
        }
    }
}
