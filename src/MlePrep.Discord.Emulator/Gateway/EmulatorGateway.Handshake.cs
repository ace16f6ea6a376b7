using System.Text.Json.Nodes;

namespace MlePrep.Discord.Emulator.Gateway;

/// <summary>The handshake: Identify and Resume with Discord's checks and close codes, and the identify budget.</summary>
public sealed partial class EmulatorGateway
{
    /// <summary>Identify received at <paramref name="receivedAt"/> (the identify rate limit counts from the frame's arrival).</summary>
    private async Task<bool> IdentifyAsync(EmulatorConnection connection, JsonObject? d, DateTimeOffset receivedAt)
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

        if (ReadShard(d["shard"]) is not { } shard)
        {
            return await CloseWithAsync(connection, 4010);
        }
        // The guilds of the emulated world (EmulatorRest.AddGuild) this shard carries: listed unavailable in READY, then GUILD_CREATE.
        (ulong Id, string Name)[] guilds = [.. Rest.GuildList().Where(g => shard.Receives(g.Id))];
        if (guilds.Length > Options.ShardingRequiredAbove)
        {
            return await CloseWithAsync(connection, 4011);
        }

        var session = new EmulatorSession(Guid.NewGuid().ToString("N"), shard);
        bool inTurn;
        lock (_lock)
        {
            inTurn = TryTakeIdentifySlot(connection, shard, receivedAt);
            if (inTurn)
            {
                RefreshSessionStartWindow();
                _sessionStartsRemaining = Math.Max(0, _sessionStartsRemaining - 1);
                _sessions.Add(session.Id, session);
                _identifiedShards.Add(shard);
            }
        }
        if (!inTurn)
        {
            // Discord's "Rate Limiting": identifying faster than max_concurrency allows gets op 9.
            Signal();
            await connection.SendAsync("""{"op":9,"d":false}""");
            return true;
        }
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
            if (shard.Sent)
            {
                ready["shard"] = new JsonArray(shard.Id, shard.Count);
            }
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

    /// <summary>The bot joins a new guild: it is added, and its shard's sessions get GUILD_CREATE.</summary>
    public async Task<ulong> JoinGuildAsync(string name = "Test guild")
    {
        var id = Rest.AddGuild(name);
        await DispatchAsync("GUILD_CREATE", GuildCreate(id, name));
        return id;
    }

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
}
