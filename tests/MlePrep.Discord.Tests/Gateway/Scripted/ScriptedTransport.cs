using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MlePrep.Discord.Gateway;

namespace MlePrep.Discord.Tests.Gateway.Scripted;

/// <summary>
/// Hands the client scripted connections instead of sockets. The test plays Discord: it reads what the client sent and
/// queues what the client receives, while an <see cref="ObservedClock"/> decides when the client's timers fire.
/// </summary>
internal sealed class ScriptedTransportFactory(TimeProvider time) : IGatewayTransportFactory
{
    private readonly Channel<ScriptedConnection> _connections = Channel.CreateUnbounded<ScriptedConnection>();
    private readonly Lock _lock = new();
    private readonly List<(Uri Uri, TimeSpan At)> _attempts = [];
    private readonly DateTimeOffset _start = time.GetUtcNow();

    /// <summary>How many of the next connection attempts fail as if the host could not be reached.</summary>
    public int FailNextConnects { get; set; }

    /// <summary>Every connection attempt: the URL and the clock's time since the start.</summary>
    public IReadOnlyList<(Uri Uri, TimeSpan At)> Attempts
    {
        get { lock (_lock) { return [.. _attempts]; } }
    }

    public IGatewayTransport Create() => new ScriptedConnection(this);

    /// <summary>The next connection that succeeded.</summary>
    public Task<ScriptedConnection> NextConnectionAsync() => _connections.Reader.ReadAsync().AsTask().WaitAsync(GatewayHarness.Timeout);

    internal void OnConnect(ScriptedConnection connection, Uri uri)
    {
        lock (_lock)
        {
            _attempts.Add((uri, time.GetUtcNow() - _start));
            if (FailNextConnects > 0)
            {
                FailNextConnects--;
                throw new WebSocketException("Unable to connect to the remote server");
            }
        }
        _connections.Writer.TryWrite(connection);
    }
}

/// <summary>One scripted connection: Discord's side is driven by the test.</summary>
internal sealed class ScriptedConnection(ScriptedTransportFactory factory) : IGatewayTransport
{
    private readonly Channel<Func<GatewayReceiveResult>> _inbound = Channel.CreateUnbounded<Func<GatewayReceiveResult>>();
    private readonly Channel<JsonNode> _sent = Channel.CreateUnbounded<JsonNode>();
    private readonly TaskCompletionSource<int> _clientClose = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri Uri { get; private set; } = null!;

    /// <summary>The close code the client sent, once it closed.</summary>
    public Task<int> ClientClose => _clientClose.Task.WaitAsync(GatewayHarness.Timeout);

    public bool ClientClosed => _clientClose.Task.IsCompleted;

    /// <summary>Frames the client sent that the test has not read yet.</summary>
    public int Unread => _sent.Reader.Count;

    public Task ConnectAsync(Uri uri, CancellationToken ct)
    {
        Uri = uri;
        factory.OnConnect(this, uri);
        return Task.CompletedTask;
    }

    public Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct)
    {
        _sent.Writer.TryWrite(JsonNode.Parse(Encoding.UTF8.GetString(message.Span))!);
        return Task.CompletedTask;
    }

    public async Task<GatewayReceiveResult> ReceiveAsync(CancellationToken ct)
    {
        try
        {
            return (await _inbound.Reader.ReadAsync(ct))();
        }
        catch (ChannelClosedException)
        {
            throw new WebSocketException("The connection was aborted");
        }
    }

    /// <summary>Whether Discord answers the client's close frame by echoing its code (false: the test answers itself).</summary>
    public bool EchoClose { get; set; } = true;

    public Task CloseOutputAsync(int code, CancellationToken ct)
    {
        _clientClose.TrySetResult(code);
        // Discord answers a close frame with its own.
        if (EchoClose)
        {
            ServerClose(code);
        }
        return Task.CompletedTask;
    }

    public void Abort() => _inbound.Writer.TryComplete();

    public ValueTask DisposeAsync()
    {
        _inbound.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    /// <summary>The next frame the client sent.</summary>
    public async Task<JsonNode> NextFrameAsync() => await _sent.Reader.ReadAsync().AsTask().WaitAsync(GatewayHarness.Timeout);

    public void Send(JsonNode frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame.ToJsonString());
        _inbound.Writer.TryWrite(() => new GatewayReceiveResult(bytes, null));
    }

    public void Hello(TimeSpan interval) => Send(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = interval.TotalMilliseconds } });

    public void Ack() => Send(new JsonObject { ["op"] = 11 });

    public void Dispatch(string eventName, int sequence, JsonObject? data = null) =>
        Send(new JsonObject { ["op"] = 0, ["t"] = eventName, ["s"] = sequence, ["d"] = data ?? new JsonObject() });

    public void Ready(int sequence, string sessionId, Uri resumeUrl) => Dispatch("READY", sequence, new JsonObject
    {
        ["v"] = 10,
        ["user"] = new JsonObject { ["id"] = "1111", ["username"] = "bot" },
        ["guilds"] = new JsonArray(),
        ["session_id"] = sessionId,
        ["resume_gateway_url"] = resumeUrl.ToString(),
        ["application"] = new JsonObject { ["id"] = "2222" },
    });

    public void ServerClose(int code) => _inbound.Writer.TryWrite(() => new GatewayReceiveResult(null, code));

    /// <summary>The TCP connection goes away without a close frame.</summary>
    public void Drop() => _inbound.Writer.TryWrite(() => throw new WebSocketException("The remote party closed the WebSocket connection without completing the close handshake."));
}
