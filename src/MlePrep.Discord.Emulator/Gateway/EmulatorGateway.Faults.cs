namespace MlePrep.Discord.Emulator.Gateway;

/// <summary>Hooks that make the server misbehave the way Discord may (op 7, op 9, close codes, dropped TCP, missing ACKs).</summary>
public sealed partial class EmulatorGateway
{
    /// <summary>When true, heartbeats are no longer ACKed (op 11), so the client should detect a zombie connection.</summary>
    public bool StopAcking { get; set; }

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
}
