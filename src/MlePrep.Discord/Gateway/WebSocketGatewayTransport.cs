using System.Buffers;
using System.Net.WebSockets;

namespace MlePrep.Discord.Gateway;

/// <summary><see cref="IGatewayTransport"/> over <see cref="ClientWebSocket"/>, plain JSON text frames, no compression.</summary>
internal sealed class WebSocketGatewayTransport : IGatewayTransport
{
    private readonly ClientWebSocket _socket = new();
    // ClientWebSocket allows one send at a time; heartbeats and the receive loop both send.
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public Task ConnectAsync(Uri uri, CancellationToken ct) => _socket.ConnectAsync(uri, ct);

    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async Task<GatewayReceiveResult> ReceiveAsync(CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.GetMemory(4096), ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                var code = _socket.CloseStatus is { } status && status != WebSocketCloseStatus.Empty ? (int)status : (int?)null;
                await AnswerCloseAsync(code);
                return new GatewayReceiveResult(null, code);
            }
            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return new GatewayReceiveResult(buffer.WrittenSpan.ToArray(), null);
            }
        }
    }

    public async Task CloseOutputAsync(int code, CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, null, ct);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public void Abort() => _socket.Abort();

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _sendLock.Dispose();
        return ValueTask.CompletedTask;
    }

    // Completes the closing handshake the server started, echoing its code as RFC 6455 suggests.
    private async Task AnswerCloseAsync(int? code)
    {
        if (_socket.State != WebSocketState.CloseReceived)
        {
            return;
        }
        try
        {
            await CloseOutputAsync(code ?? (int)WebSocketCloseStatus.NormalClosure, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The server may already have dropped the TCP connection; the close code is known either way.
        }
    }
}

/// <summary>Makes <see cref="WebSocketGatewayTransport"/>s.</summary>
internal sealed class WebSocketGatewayTransportFactory : IGatewayTransportFactory
{
    public IGatewayTransport Create() => new WebSocketGatewayTransport();
}
