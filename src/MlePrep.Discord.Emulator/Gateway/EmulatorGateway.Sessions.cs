using System.Net.WebSockets;
using System.Text.Json.Nodes;
using MlePrep.Discord.Emulator.Rest;

namespace MlePrep.Discord.Emulator.Gateway;

/// <summary>The session registry: sequence numbers, dispatch and the replay buffer a Resume reads.</summary>
public sealed partial class EmulatorGateway
{
    /// <inheritdoc />
    Task IGatewayDispatcher.DispatchAsync(string eventName, string json) => DispatchAsync(eventName, JsonNode.Parse(json)!);

    /// <summary>
    /// Sends a dispatch (op 0) to every live session of the shard it belongs to (its guild's, or shard 0 without a guild),
    /// with the session's next sequence number; buffered for replay. <paramref name="payload"/> is <c>d</c>, and may be
    /// anything (null for <c>d: null</c>) to test a client's receive loop.
    /// </summary>
    public async Task DispatchAsync(string eventName, JsonNode? payload)
    {
        var guildId = GuildOf(eventName, payload);
        foreach (var session in LiveSessions().Where(s => s.Shard.Receives(guildId)))
        {
            RecordDelivery(eventName, payload, session);
            await SendDispatchAsync(session, eventName, payload?.DeepClone());
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

    private List<EmulatorSession> LiveSessions()
    {
        lock (_lock)
        {
            return [.. _sessions.Values.Where(s => !s.Invalidated)];
        }
    }

    // Codes after which Discord wants a new session: a Resume afterwards gets op 9 d:false.
    private static bool EndsSession(int code) => code is 1000 or 1001 or 4003 or 4004 or 4005 or 4007 or 4008 or 4009 or (>= 4010 and <= 4014);

    private sealed class EmulatorSession(string id, EmulatedShard shard)
    {
        public string Id { get; } = id;
        public EmulatedShard Shard { get; } = shard;
        public SemaphoreSlim DispatchLock { get; } = new(1, 1);
        public List<(int Seq, string Frame)> Buffer { get; } = [];
        public int Sequence { get; set; }
        public EmulatorConnection? Connection { get; set; }
        public bool Invalidated { get; set; }
    }
}
