using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MlePrep.Discord.Emulator.Rest;

namespace MlePrep.Discord.Emulator.Gateway;

/// <summary>
/// The emulator's WebSocket gateway (Discord gateway v10, JSON, no compression): Hello, heartbeat ACKs, Identify and
/// Resume with Discord's checks and close codes, sequence numbers and a replay buffer per session, plus hooks that make
/// the server misbehave the way Discord may (op 7, op 9, close codes, dropped TCP, op 1, missing ACKs).
/// </summary>
public sealed class EmulatorGateway(EmulatorOptions options, EmulatorRest rest) : IGatewayDispatcher, IAsyncDisposable
{
    /// <summary>The path of the gateway URL that <c>GET /gateway/bot</c> returns.</summary>
    public const string GatewayPath = "/gateway";

    /// <summary>The path of READY's <c>resume_gateway_url</c>, distinct so tests can see where the client resumes.</summary>
    public const string ResumePath = "/gateway-resume";

    /// <summary>GUILD_MEMBERS, GUILD_PRESENCES and MESSAGE_CONTENT: not enabled for the emulated bot (close 4014).</summary>
    public const int PrivilegedIntents = (1 << 1) | (1 << 8) | (1 << 15);

    // Bits 0–16, 20, 21, 24 and 25 are the documented intents; any other bit is invalid (close 4013).
    private const int KnownIntents = ((1 << 17) - 1) | (1 << 20) | (1 << 21) | (1 << 24) | (1 << 25);
    private const int MaxFrameBytes = 4096;
    private const int FramesPerMinute = 120;
    private const int SessionStartTotal = 1000;
    private static readonly TimeSpan SessionStartWindowLength = TimeSpan.FromHours(24);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, EmulatorSession> _sessions = [];
    private readonly List<EmulatorConnection> _connections = [];
    private readonly List<ReceivedGatewayFrame> _frames = [];
    private readonly List<Uri> _connectedUrls = [];
    private readonly List<ClientClose> _clientCloses = [];
    private readonly List<(Func<EmulatorGateway, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _nextConnectionId;
    private int _identifyCount;
    private int _resumeCount;
    private int _sessionStartsRemaining = SessionStartTotal;
    private DateTimeOffset _sessionStartWindow = options.TimeProvider.GetUtcNow();

    internal Uri BaseUrl { get; set; } = null!;

    internal EmulatorOptions Options { get; } = options;

    internal EmulatorRest Rest { get; } = rest;

    /// <summary>When true, heartbeats are no longer ACKed (op 11), so the client should detect a zombie connection.</summary>
    public bool StopAcking { get; set; }

    /// <summary>ws://127.0.0.1:{port}/gateway, the URL <c>GET /gateway/bot</c> returns.</summary>
    public Uri GatewayUrl => WebSocketUrl(GatewayPath);

    /// <summary>ws://127.0.0.1:{port}/gateway-resume, READY's <c>resume_gateway_url</c>.</summary>
    public Uri ResumeGatewayUrl => WebSocketUrl(ResumePath);

    /// <summary>Sessions started with Identify (READY sent).</summary>
    public int IdentifyCount
    {
        get { lock (_lock) { return _identifyCount; } }
    }

    /// <summary>Sessions resumed (RESUMED sent).</summary>
    public int ResumeCount
    {
        get { lock (_lock) { return _resumeCount; } }
    }

    /// <summary>Every WebSocket URL a client connected to, with its query, in order.</summary>
    public IReadOnlyList<Uri> ConnectedUrls
    {
        get { lock (_lock) { return [.. _connectedUrls]; } }
    }

    /// <summary>Every frame received from clients, in order.</summary>
    public IReadOnlyList<ReceivedGatewayFrame> ReceivedFrames
    {
        get { lock (_lock) { return [.. _frames]; } }
    }

    /// <summary>Connections the client ended: with its close code, or null when the TCP connection dropped without a close frame.</summary>
    public IReadOnlyList<ClientClose> ClientCloses
    {
        get { lock (_lock) { return [.. _clientCloses]; } }
    }

    /// <summary>Completes when <paramref name="condition"/> holds; it is checked now and after every gateway event (no polling).</summary>
    public Task WaitUntilAsync(Func<EmulatorGateway, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((condition, done));
        }
        Signal();
        return done.Task;
    }

    /// <summary>Completes once <paramref name="count"/> sessions have been identified (READY sent).</summary>
    public Task WaitForIdentifiesAsync(int count = 1) => WaitUntilAsync(g => g.IdentifyCount >= count);

    /// <summary>Completes once <paramref name="count"/> sessions have been resumed (RESUMED sent).</summary>
    public Task WaitForResumesAsync(int count = 1) => WaitUntilAsync(g => g.ResumeCount >= count);

    /// <inheritdoc />
    Task IGatewayDispatcher.DispatchAsync(string eventName, string json) => DispatchAsync(eventName, JsonNode.Parse(json)!);

    /// <summary>
    /// Sends a dispatch (op 0) to every live session, with the session's next sequence number; buffered for replay.
    /// <paramref name="payload"/> is <c>d</c>, and may be anything (null for <c>d: null</c>) to test a client's receive loop.
    /// </summary>
    public async Task DispatchAsync(string eventName, JsonNode? payload)
    {
        foreach (var session in LiveSessions())
        {
            await SendDispatchAsync(session, eventName, payload?.DeepClone());
        }
    }

    /// <summary>Sends op 7 Reconnect. From now on the sessions only buffer dispatches, for the client's Resume.</summary>
    public Task SendReconnectAsync() =>
        ForEachConnectionAsync(async (connection, session) =>
        {
            await DetachAsync(session, connection, invalidate: false);
            await connection.SendAsync("""{"op":7,"d":null}""");
        });

    /// <summary>Sends op 9 Invalid Session. Not resumable: the session is gone and a Resume gets op 9 <c>d:false</c>.</summary>
    public Task SendInvalidSessionAsync(bool resumable) =>
        ForEachConnectionAsync(async (connection, session) =>
        {
            await DetachAsync(session, connection, invalidate: !resumable);
            await connection.SendAsync(resumable ? """{"op":9,"d":true}""" : """{"op":9,"d":false}""");
        });

    /// <summary>Closes every connection with <paramref name="code"/>. Codes that call for a new session also end the session.</summary>
    public Task CloseAsync(int code) =>
        ForEachConnectionAsync(async (connection, session) =>
        {
            await DetachAsync(session, connection, invalidate: EndsSession(code));
            await connection.CloseAsync(code);
        });

    /// <summary>Drops every connection without a close frame (TCP goes away); sessions stay resumable.</summary>
    public Task DropConnectionAsync() =>
        ForEachConnectionAsync(async (connection, session) =>
        {
            await DetachAsync(session, connection, invalidate: false);
            connection.Abort();
        });

    /// <summary>Sends <paramref name="frame"/> verbatim on every connection (no sequence number, no replay): hostile input for a client's receive loop.</summary>
    public Task SendRawAsync(string frame) =>
        ForEachConnectionAsync((connection, _) => connection.SendAsync(frame));

    /// <summary>Sends op 1: the client must heartbeat at once.</summary>
    public Task RequestHeartbeatAsync() =>
        ForEachConnectionAsync((connection, _) => connection.SendAsync("""{"op":1,"d":null}"""));

    /// <summary>Drops every connection and stops the gateway.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        EmulatorConnection[] connections;
        lock (_lock)
        {
            connections = [.. _connections];
        }
        foreach (var connection in connections)
        {
            connection.Abort();
        }
        _stopping.Dispose();
    }

    internal void Map(WebApplication app)
    {
        app.MapGet("/api/v10/gateway/bot", GetGatewayBot);
        app.Map(GatewayPath, context => AcceptAsync(context));
        app.Map(ResumePath, context => AcceptAsync(context));
    }

    private IResult GetGatewayBot(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() != $"Bot {Options.BotToken}")
        {
            return Results.Json(new JsonObject { ["message"] = "401: Unauthorized", ["code"] = 0 }, statusCode: StatusCodes.Status401Unauthorized);
        }
        int remaining;
        TimeSpan resetAfter;
        lock (_lock)
        {
            resetAfter = RefreshSessionStartWindow();
            remaining = _sessionStartsRemaining;
        }
        return Results.Json(new JsonObject
        {
            ["url"] = GatewayUrl.ToString(),
            ["shards"] = 1,
            ["session_start_limit"] = new JsonObject
            {
                ["total"] = SessionStartTotal,
                ["remaining"] = remaining,
                ["reset_after"] = (long)resetAfter.TotalMilliseconds,
                ["max_concurrency"] = 1,
            },
        });
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new EmulatorConnection(Interlocked.Increment(ref _nextConnectionId), socket, context);
        var url = new UriBuilder(GatewayUrl) { Path = context.Request.Path, Query = context.Request.QueryString.Value ?? "" }.Uri;
        lock (_lock)
        {
            _connections.Add(connection);
            _connectedUrls.Add(url);
        }
        Signal();
        try
        {
            if (context.Request.Query["v"] != "10")
            {
                await connection.CloseAsync(4012);
                await DrainAsync(connection);
                return;
            }
            if (context.Request.Query["encoding"] != "json")
            {
                // The emulator speaks JSON only; anything else would be undecodable.
                await connection.CloseAsync(4002);
                await DrainAsync(connection);
                return;
            }
            var hello = new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = (long)Options.HeartbeatInterval.TotalMilliseconds } };
            await connection.SendAsync(hello.ToJsonString());
            await ReceiveLoopAsync(connection);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            if (!connection.ServerClosed)
            {
                RecordClientClose(connection, null);
            }
        }
        finally
        {
            await DetachAsync(connection.Session, connection, invalidate: false);
            lock (_lock)
            {
                _connections.Remove(connection);
            }
            Signal();
        }
    }

    private async Task ReceiveLoopAsync(EmulatorConnection connection)
    {
        var buffer = new byte[MaxFrameBytes + 1];
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length)
                {
                    await connection.CloseAsync(4002);
                    await DrainAsync(connection);
                    return;
                }
                result = await connection.Socket.ReceiveAsync(buffer.AsMemory(length), _stopping.Token);
                length += result.Count;
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await OnClientCloseAsync(connection);
                return;
            }
            if (length > MaxFrameBytes)
            {
                await connection.CloseAsync(4002);
                await DrainAsync(connection);
                return;
            }
            if (!await HandleFrameAsync(connection, buffer.AsMemory(0, length)))
            {
                await DrainAsync(connection);
                return;
            }
        }
    }

    // Returns false once the server has closed the connection.
    private async Task<bool> HandleFrameAsync(EmulatorConnection connection, ReadOnlyMemory<byte> frame)
    {
        var now = Options.TimeProvider.GetUtcNow();
        JsonNode? payload;
        try
        {
            payload = JsonNode.Parse(Encoding.UTF8.GetString(frame.Span));
        }
        catch (JsonException)
        {
            payload = null;
        }
        var op = payload?["op"] is JsonValue opValue && opValue.TryGetValue<int>(out var parsed) ? parsed : -1;
        lock (_lock)
        {
            _frames.Add(new ReceivedGatewayFrame(connection.Id, op, now, payload));
        }
        Signal();

        if (!connection.CountFrame(Options.TimeProvider, FramesPerMinute))
        {
            return await CloseWithAsync(connection, 4008);
        }
        if (payload is not JsonObject)
        {
            return await CloseWithAsync(connection, 4002);
        }
        switch (op)
        {
            case 1:
                if (!StopAcking)
                {
                    await connection.SendAsync("""{"op":11}""");
                }
                return true;
            case 2:
                return await IdentifyAsync(connection, payload["d"] as JsonObject);
            case 6:
                return await ResumeAsync(connection, payload["d"] as JsonObject);
            case 3 or 4 or 8 or 31 or 43:
                return connection.Session is not null || await CloseWithAsync(connection, 4003);
            default:
                return await CloseWithAsync(connection, 4001);
        }
    }

    private async Task<bool> IdentifyAsync(EmulatorConnection connection, JsonObject? d)
    {
        if (connection.Session is not null)
        {
            return await CloseWithAsync(connection, 4005);
        }
        if (d?["properties"] is not JsonObject properties
            || properties["os"] is null || properties["browser"] is null || properties["device"] is null
            || d["intents"] is not JsonValue intentsValue || !intentsValue.TryGetValue<long>(out var intents))
        {
            return await CloseWithAsync(connection, 4001);
        }
        if (!IsBotToken(d["token"]))
        {
            return await CloseWithAsync(connection, 4004);
        }
        if ((intents & ~(long)KnownIntents) != 0)
        {
            return await CloseWithAsync(connection, 4013);
        }
        if ((intents & PrivilegedIntents) != 0)
        {
            return await CloseWithAsync(connection, 4014);
        }

        var session = new EmulatorSession(Guid.NewGuid().ToString("N"));
        (ulong Id, string Name)[] guilds;
        lock (_lock)
        {
            RefreshSessionStartWindow();
            _sessionStartsRemaining = Math.Max(0, _sessionStartsRemaining - 1);
            _sessions.Add(session.Id, session);
        }
        // The guilds of the emulated world (EmulatorRest.AddGuild): listed unavailable in READY, then GUILD_CREATE.
        guilds = [.. Rest.GuildList()];
        await session.DispatchLock.WaitAsync();
        try
        {
            session.Connection = connection;
            connection.Session = session;
            var ready = new JsonObject
            {
                ["v"] = 10,
                ["user"] = new JsonObject
                {
                    ["id"] = Options.BotUserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["username"] = "mleprep-bot",
                    ["discriminator"] = "0",
                    ["global_name"] = null,
                    ["avatar"] = null,
                    ["bot"] = true,
                },
                ["guilds"] = new JsonArray([.. guilds.Select(g => new JsonObject { ["id"] = Id(g.Id), ["unavailable"] = true })]),
                ["session_id"] = session.Id,
                ["resume_gateway_url"] = ResumeGatewayUrl.ToString(),
                ["application"] = new JsonObject { ["id"] = Id(Options.ApplicationId), ["flags"] = 0 },
            };
            await SendDispatchLockedAsync(session, "READY", ready);
            if ((intents & 1) != 0)
            {
                foreach (var (id, name) in guilds)
                {
                    await SendDispatchLockedAsync(session, "GUILD_CREATE", GuildCreate(id, name));
                }
            }
        }
        finally
        {
            session.DispatchLock.Release();
        }
        lock (_lock)
        {
            _identifyCount++;
        }
        Signal();
        return true;
    }

    private async Task<bool> ResumeAsync(EmulatorConnection connection, JsonObject? d)
    {
        if (connection.Session is not null)
        {
            return await CloseWithAsync(connection, 4005);
        }
        if (d?["session_id"] is not JsonValue sessionValue || !sessionValue.TryGetValue<string>(out var sessionId)
            || d["seq"] is not JsonValue seqValue || !seqValue.TryGetValue<int>(out var seq))
        {
            return await CloseWithAsync(connection, 4001);
        }
        if (!IsBotToken(d["token"]))
        {
            return await CloseWithAsync(connection, 4004);
        }
        EmulatorSession? session;
        lock (_lock)
        {
            session = _sessions.GetValueOrDefault(sessionId);
        }
        if (session is null)
        {
            await connection.SendAsync("""{"op":9,"d":false}""");
            return true;
        }

        await session.DispatchLock.WaitAsync();
        try
        {
            if (session.Invalidated || seq > session.Sequence)
            {
                await connection.SendAsync("""{"op":9,"d":false}""");
                return true;
            }
            // Replay what the client missed, in order, then RESUMED; new dispatches wait for the lock.
            foreach (var (bufferedSeq, frame) in session.Buffer)
            {
                if (bufferedSeq > seq)
                {
                    await connection.SendAsync(frame);
                }
            }
            session.Connection = connection;
            connection.Session = session;
            await SendDispatchLockedAsync(session, "RESUMED", null);
        }
        finally
        {
            session.DispatchLock.Release();
        }
        lock (_lock)
        {
            _resumeCount++;
        }
        Signal();
        return true;
    }

    private async Task OnClientCloseAsync(EmulatorConnection connection)
    {
        var code = (int?)connection.Socket.CloseStatus;
        if (!connection.ServerClosed)
        {
            RecordClientClose(connection, code);
            // Closing with 1000 or 1001 ends the session; any other code keeps it resumable.
            if (connection.Session is { } session && code is 1000 or 1001)
            {
                await DetachAsync(session, connection, invalidate: true);
            }
            await connection.CloseAsync(code ?? 1000);
        }
    }

    private async Task<bool> CloseWithAsync(EmulatorConnection connection, int code)
    {
        await DetachAsync(connection.Session, connection, invalidate: EndsSession(code));
        await connection.CloseAsync(code);
        return false;
    }

    // After the server's close frame, read until the client's answering close (or the drop).
    private async Task DrainAsync(EmulatorConnection connection)
    {
        var buffer = new byte[1024];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        while (connection.Socket.State is WebSocketState.CloseSent or WebSocketState.Open)
        {
            var result = await connection.Socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
        }
    }

    private async Task SendDispatchAsync(EmulatorSession session, string eventName, JsonNode? d)
    {
        await session.DispatchLock.WaitAsync();
        try
        {
            await SendDispatchLockedAsync(session, eventName, d);
        }
        finally
        {
            session.DispatchLock.Release();
        }
    }

    private static async Task SendDispatchLockedAsync(EmulatorSession session, string eventName, JsonNode? d)
    {
        var seq = ++session.Sequence;
        var frame = new JsonObject { ["op"] = 0, ["d"] = d, ["s"] = seq, ["t"] = eventName }.ToJsonString();
        session.Buffer.Add((seq, frame));
        if (session.Connection is { } connection)
        {
            try
            {
                await connection.SendAsync(frame);
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The socket died under us; the frame stays buffered for a Resume.
                session.Connection = null;
            }
        }
    }

    private static async Task DetachAsync(EmulatorSession? session, EmulatorConnection connection, bool invalidate)
    {
        if (session is null)
        {
            return;
        }
        await session.DispatchLock.WaitAsync();
        try
        {
            if (session.Connection == connection)
            {
                session.Connection = null;
            }
            session.Invalidated |= invalidate;
        }
        finally
        {
            session.DispatchLock.Release();
        }
    }

    private async Task ForEachConnectionAsync(Func<EmulatorConnection, EmulatorSession?, Task> action)
    {
        EmulatorConnection[] connections;
        lock (_lock)
        {
            connections = [.. _connections];
        }
        foreach (var connection in connections)
        {
            await action(connection, connection.Session);
        }
    }

    private List<EmulatorSession> LiveSessions()
    {
        lock (_lock)
        {
            return [.. _sessions.Values.Where(s => !s.Invalidated)];
        }
    }

    private void RecordClientClose(EmulatorConnection connection, int? code)
    {
        lock (_lock)
        {
            _clientCloses.Add(new ClientClose(connection.Id, code, Options.TimeProvider.GetUtcNow()));
        }
        Signal();
    }

    private void Signal()
    {
        List<TaskCompletionSource> done = [];
        lock (_lock)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var (condition, tcs) = _waiters[i];
                bool met;
                try
                {
                    met = condition(this);
                }
                catch (Exception ex)
                {
                    _waiters.RemoveAt(i);
                    tcs.TrySetException(ex);
                    continue;
                }
                if (met)
                {
                    _waiters.RemoveAt(i);
                    done.Add(tcs);
                }
            }
        }
        foreach (var tcs in done)
        {
            tcs.TrySetResult();
        }
    }

    // Discord's identify budget is per 24 h window; returns the time left in the current one. Caller holds _lock.
    private TimeSpan RefreshSessionStartWindow()
    {
        var now = Options.TimeProvider.GetUtcNow();
        if (now - _sessionStartWindow >= SessionStartWindowLength)
        {
            _sessionStartWindow = now;
            _sessionStartsRemaining = SessionStartTotal;
        }
        return SessionStartWindowLength - (now - _sessionStartWindow);
    }

    private bool IsBotToken(JsonNode? token) =>
        token is JsonValue value && value.TryGetValue<string>(out var text) && text == Options.BotToken;

    // Codes after which Discord wants a new session: a Resume afterwards gets op 9 d:false.
    private static bool EndsSession(int code) => code is 1000 or 1001 or 4003 or 4004 or 4005 or 4007 or 4008 or 4009 or (>= 4010 and <= 4014);

    private static string Id(ulong id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject GuildCreate(ulong id, string name) => new()
    {
        ["id"] = Id(id),
        ["name"] = name,
        ["icon"] = null,
        ["owner_id"] = "1",
        ["unavailable"] = false,
        ["large"] = false,
        ["member_count"] = 1,
        ["joined_at"] = Snowflake.ToTimestamp(id).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["roles"] = new JsonArray(),
        ["channels"] = new JsonArray(),
        ["threads"] = new JsonArray(),
    };

    private Uri WebSocketUrl(string path) => new UriBuilder(BaseUrl) { Scheme = "ws", Path = path }.Uri;

    private sealed class EmulatorSession(string id)
    {
        public string Id { get; } = id;
        public SemaphoreSlim DispatchLock { get; } = new(1, 1);
        public List<(int Seq, string Frame)> Buffer { get; } = [];
        public int Sequence { get; set; }
        public EmulatorConnection? Connection { get; set; }
        public bool Invalidated { get; set; }
    }

    private sealed class EmulatorConnection(int id, WebSocket socket, HttpContext context)
    {
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly Queue<long> _frameTimes = new();

        public int Id { get; } = id;
        public WebSocket Socket { get; } = socket;
        public EmulatorSession? Session { get; set; }
        public bool ServerClosed { get; private set; }

        public async Task SendAsync(string json)
        {
            await _sendLock.WaitAsync();
            try
            {
                await Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        public async Task CloseAsync(int code)
        {
            ServerClosed = true;
            await _sendLock.WaitAsync();
            try
            {
                if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await Socket.CloseOutputAsync((WebSocketCloseStatus)code, null, CancellationToken.None);
                }
            }
            catch (WebSocketException)
            {
                // Already gone.
            }
            finally
            {
                _sendLock.Release();
            }
        }

        public void Abort()
        {
            ServerClosed = true;
            try
            {
                context.Abort();
            }
            catch (ObjectDisposedException)
            {
                // The request already ended (the client closed first): nothing left to drop.
            }
        }

        // Discord allows 120 gateway events per connection per 60 s.
        public bool CountFrame(TimeProvider time, int limit)
        {
            var now = time.GetTimestamp();
            while (_frameTimes.Count > 0 && time.GetElapsedTime(_frameTimes.Peek(), now) >= TimeSpan.FromSeconds(60))
            {
                _frameTimes.Dequeue();
            }
            _frameTimes.Enqueue(now);
            return _frameTimes.Count <= limit;
        }
    }
}

/// <summary>A frame a client sent: which connection, its opcode (−1 if unreadable), when, and the parsed JSON.</summary>
public sealed record ReceivedGatewayFrame(int ConnectionId, int Op, DateTimeOffset ReceivedAt, JsonNode? Payload);

/// <summary>A connection the client ended: its close code, or null when it dropped without a close frame.</summary>
public sealed record ClientClose(int ConnectionId, int? Code, DateTimeOffset At);
