namespace MlePrep.Discord.Gateway;

/// <summary>
/// One WebSocket connection to the gateway, carrying whole text messages. Sends are serialized by the transport,
/// one receive may run alongside them. A new instance is made per connection.
/// </summary>
internal interface IGatewayTransport : IAsyncDisposable
{
    Task ConnectAsync(Uri uri, CancellationToken ct);

    /// <summary>Sends one UTF-8 JSON text message.</summary>
    Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct);

    /// <summary>
    /// The next whole message, or a close. Throws when the connection drops without a close frame. A close frame
    /// from the server is answered with the same code.
    /// </summary>
    Task<GatewayReceiveResult> ReceiveAsync(CancellationToken ct);

    /// <summary>Sends a close frame with <paramref name="code"/>; the server's answering close arrives through receive.</summary>
    Task CloseOutputAsync(int code, CancellationToken ct);

    /// <summary>Drops the connection at once; a pending receive throws.</summary>
    void Abort();
}

/// <summary>A received text message, or the close code (null when the close frame had none).</summary>
internal readonly record struct GatewayReceiveResult(byte[]? Message, int? CloseCode)
{
    public bool IsClose => Message is null;
}

/// <summary>Makes a fresh transport for each connection attempt.</summary>
internal interface IGatewayTransportFactory
{
    IGatewayTransport Create();
}
