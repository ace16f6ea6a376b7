using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MlePrep.Discord.Emulator.Gateway;

/// <summary>Connections: accept, the receive loop, frame handling, closes and drains.</summary>
public sealed partial class EmulatorGateway
{
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
                return await IdentifyAsync(connection, payload["d"] as JsonObject, now);
            case 6:
                return await ResumeAsync(connection, payload["d"] as JsonObject);
            case 3 or 4 or 8 or 31 or 43:
                return connection.Session is not null || await CloseWithAsync(connection, 4003);
            default:
                return await CloseWithAsync(connection, 4001);
        }
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
