using System.Text.Json.Nodes;

namespace MlePrep.Discord.Emulator.Gateway;

/// <summary>What tests observe: counts, connected URLs, received frames, client closes, and waits on them.</summary>
public sealed partial class EmulatorGateway
{
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
        lock (_lock)
        {
            return _waiters.WaitAsync(condition, [this], CancellationToken.None);
        }
    }

    /// <summary>Completes once <paramref name="count"/> sessions have been identified (READY sent).</summary>
    public Task WaitForIdentifiesAsync(int count = 1) => WaitUntilAsync(g => g.IdentifyCount >= count);

    /// <summary>Completes once <paramref name="count"/> sessions have been resumed (RESUMED sent).</summary>
    public Task WaitForResumesAsync(int count = 1) => WaitUntilAsync(g => g.ResumeCount >= count);

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
        lock (_lock)
        {
            _waiters.Publish(this);
        }
    }
}

/// <summary>A frame a client sent: which connection, its opcode (−1 if unreadable), when, and the parsed JSON.</summary>
public sealed record ReceivedGatewayFrame(int ConnectionId, int Op, DateTimeOffset ReceivedAt, JsonNode? Payload);

/// <summary>A connection the client ended: its close code, or null when it dropped without a close frame.</summary>
public sealed record ClientClose(int ConnectionId, int? Code, DateTimeOffset At);
