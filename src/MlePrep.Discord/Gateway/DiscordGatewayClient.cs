using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlePrep.Discord.Rest;
using MlePrep.Discord.Serialization;

namespace MlePrep.Discord.Gateway;

/// <summary>
/// The gateway state machine of one shard: connect, Hello, heartbeats, Identify or Resume, dispatches, and the reconnect
/// decisions of Discord's close-code table. Each shard has its own client (its own connection, session, sequence and
/// heartbeat); the shards of a process share <see cref="GatewaySessionStarts"/> and the dispatch sink.
/// </summary>
internal sealed class DiscordGatewayClient(
    Shard shard,
    GatewaySessionStarts starts,
    IOptions<DiscordOptions> options,
    IGatewayTransportFactory transports,
    IGatewayDispatchSink sink,
    GatewayPolicy policy,
    TimeProvider time,
    ILogger logger)
{
    public const int MaxPayloadBytes = 4096;

    private readonly Shard _shard = shard;
    private readonly GatewaySessionStarts _starts = starts;
    private readonly IOptions<DiscordOptions> _options = options;
    private readonly IGatewayDispatchSink _sink = sink;
    private readonly GatewayPolicy _policy = policy;
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;

    private Session? _session;
    private int _sequence = NoSequence;

    private const int NoSequence = -1;

    public Shard Shard => _shard;

    private bool _connected;

    /// <summary>The current connection reached READY or RESUMED and has not ended.</summary>
    public bool IsConnected => Volatile.Read(ref _connected);

    /// <summary>Runs until <paramref name="ct"/> is cancelled (throws) or Discord refuses the bot for good (returns why).</summary>
    public async Task<GatewayFatalError> RunAsync(CancellationToken ct)
    {
        var failures = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            ConnectionOutcome outcome;
            try
            {
                if (_session is { } session)
                {
                    outcome = await RunConnectionAsync(session.ResumeUrl, null, ct);
                }
                else
                {
                    var (url, turn) = await _starts.TakeAsync(_shard, ct);
                    await _starts.WaitForSlotAsync(turn, ct);
                    outcome = await RunConnectionAsync(url, turn, ct);
                }
            }
            catch (DiscordApiException ex) when (ex.Status == HttpStatusCode.Unauthorized)
            {
                return new GatewayFatalError(null, "Discord rejected the bot token (HTTP 401 on GET /gateway/bot). Check Discord__Token.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                outcome = Failed(ex);
            }
            // A shutdown ends the connection with a close frame; nothing comes after it.
            ct.ThrowIfCancellationRequested();

            if (outcome.Next == Next.Fatal)
            {
                return new GatewayFatalError(outcome.CloseCode, GatewayCloseCodes.DescribeFatal(outcome.CloseCode ?? 0, _shard));
            }
            if (outcome.Next is Next.Identify or Next.IdentifyAfterDelay)
            {
                _session = null;
                Volatile.Write(ref _sequence, NoSequence);
            }

            DiscordMetrics.Reconnect(outcome.Failure is not null ? "unreachable" : outcome.CloseCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : "dropped",
                resume: outcome.Next == Next.Resume);
            // A connection that reached READY/RESUMED reconnects at once; failed attempts back off.
            failures = outcome.Established ? 0 : failures + 1;
            var delay = failures == 0 ? TimeSpan.Zero : _policy.Backoff(failures);
            if (outcome.Next == Next.IdentifyAfterDelay)
            {
                var invalidSessionDelay = _policy.InvalidSessionDelay();
                delay = delay > invalidSessionDelay ? delay : invalidSessionDelay;
            }
            if (outcome.Failure is { } reason)
            {
                // One line per failed attempt while Discord is unreachable; the stack trace went to Debug.
                _logger.GatewayAttemptFailedRetrying(reason, delay.TotalMilliseconds, failures);
            }
            else if (delay > TimeSpan.Zero)
            {
                _logger.GatewayReconnectDelay(delay.TotalMilliseconds, failures);
            }
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, ct);
            }
        }
    }

    private ConnectionOutcome Failed(Exception ex)
    {
        _logger.GatewayAttemptFailedDetail(ex);
        return new ConnectionOutcome(Next.Resume, Established: false, Failure: Reason(ex));
    }

    /// <summary>The messages down the exception chain, e.g. "Unable to connect to the remote server: Connection refused".</summary>
    private static string Reason(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            // Inner exceptions often repeat the outer message ("Connection refused (host:443)" over "Connection refused").
            if (e.Message is { Length: > 0 } message && !parts.Any(p => p.Contains(message, StringComparison.Ordinal)))
            {
                parts.Add(message);
            }
        }
        return parts.Count == 0 ? ex.GetType().Name : string.Join(": ", parts);
    }

    /// <summary>Appends the version and encoding query to a gateway URL, with or without a trailing slash.</summary>
    internal static Uri BuildConnectUri(Uri url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        return builder.Uri;
    }

    /// <summary>One connection: a Resume when <paramref name="turn"/> is null, else an Identify in that turn.</summary>
    private async Task<ConnectionOutcome> RunConnectionAsync(Uri url, IdentifyTurn? turn, CancellationToken ct)
    {
        var resuming = turn is null;
        var uri = BuildConnectUri(url);
        _logger.GatewayConnecting(uri, resuming);
        await using var transport = transports.Create();
        try
        {
            await transport.ConnectAsync(uri, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (!resuming)
            {
                // Docs: re-fetch /gateway/bot only when connecting with the cached URL fails.
                _starts.Forget();
            }
            return Failed(ex);
        }

        // Not linked to ct: on shutdown the connection still sends its close frame and reads the server's answer.
        using var connectionCts = new CancellationTokenSource();
        var connection = new Connection(this, transport, connectionCts);
        var shutdown = ct.Register(connection.CloseForShutdown);
        try
        {
            return await connection.RunAsync(turn, ct);
        }
        finally
        {
            Volatile.Write(ref _connected, false);
            await shutdown.DisposeAsync();
            await connection.ClosingAsync();
            await connectionCts.CancelAsync();
            await connection.StopBackgroundAsync();
        }
    }

    private enum Next
    {
        Resume,
        Identify,
        IdentifyAfterDelay,
        Fatal,
    }

    /// <summary>How a connection attempt ended; <see cref="Failure"/> says why when it never got going.</summary>
    private readonly record struct ConnectionOutcome(Next Next, bool Established, int? CloseCode = null, string? Failure = null);

    private sealed record Session(string SessionId, Uri ResumeUrl);

    /// <summary>State of one WebSocket connection: its heartbeat task, send budget and how it is meant to end.</summary>
    private sealed class Connection(DiscordGatewayClient client, IGatewayTransport transport, CancellationTokenSource connectionCts)
    {
        private readonly GatewaySendLimiter _limiter = new(client._time);
        private Task _heartbeat = Task.CompletedTask;
        private Task _identify = Task.CompletedTask;
        private ExceptionDispatchInfo? _identifyFailure;
        private int _acked = 1;
        private bool _established;
        private int _closing;
        private Next? _requested;
        private Task _close = Task.CompletedTask;

        private ILogger Logger => client._logger;

        public async Task<ConnectionOutcome> RunAsync(IdentifyTurn? turn, CancellationToken ct)
        {
            var helloReceived = false;
            await using var helloTimer = client._time.CreateTimer(
                _ => _ = HelloTimedOutAsync(), null, client._policy.HelloTimeout, Timeout.InfiniteTimeSpan);
            while (true)
            {
                GatewayReceiveResult received;
                try
                {
                    received = await transport.ReceiveAsync(connectionCts.Token);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
                {
                    _identifyFailure?.Throw();
                    if (_requested is { } requested)
                    {
                        return new ConnectionOutcome(requested, _established);
                    }
                    ct.ThrowIfCancellationRequested();
                    // No close frame: Discord keeps the session, so resume.
                    Logger.GatewayConnectionDropped(ex.Message);
                    return new ConnectionOutcome(Next.Resume, _established);
                }

                if (received.IsClose)
                {
                    return OnClosed(received.CloseCode);
                }

                var payload = Parse(received.Message!);
                if (payload is null)
                {
                    continue;
                }
                // RESUMED carries nothing the client reads, so its d may be anything (null from some servers).
                if (payload.Op is GatewayOpCode.Dispatch or GatewayOpCode.Hello && payload.T != "RESUMED" && payload.D.ValueKind != JsonValueKind.Object)
                {
                    // Hostile or broken input must never end the connection: skip it and keep reading.
                    Logger.GatewayPayloadSkipped(payload.Op, payload.T, $"d is {Describe(payload.D.ValueKind)}, not an object");
                    continue;
                }
                try
                {
                    switch (payload.Op)
                    {
                        case GatewayOpCode.Hello when !helloReceived:
                            var hello = payload.D.Deserialize(GatewayJsonContext.Default.HelloData)!;
                            if (hello.HeartbeatInterval <= 0)
                            {
                                Logger.GatewayPayloadSkipped(payload.Op, payload.T, "heartbeat_interval is not a positive number");
                                break;
                            }
                            helloReceived = true;
                            await helloTimer.DisposeAsync();
                            _heartbeat = HeartbeatLoopAsync(TimeSpan.FromMilliseconds(hello.HeartbeatInterval), connectionCts.Token);
                            if (turn is { } identifyTurn)
                            {
                                // Waiting for the identify turn must not stop this loop reading heartbeat ACKs.
                                _identify = IdentifyInTurnAsync(identifyTurn, ct);
                            }
                            else
                            {
                                await SendResumeAsync(ct);
                            }
                            break;
                        case GatewayOpCode.HeartbeatAck:
                            Volatile.Write(ref _acked, 1);
                            break;
                        case GatewayOpCode.Heartbeat:
                            // Requested by the server: answer now, outside the interval, from the ordinary budget.
                            await SendHeartbeatAsync(priority: false, connectionCts.Token);
                            break;
                        case GatewayOpCode.Reconnect:
                            Logger.GatewayReconnectRequested();
                            await BeginCloseAsync(GatewayCloseCodes.Resuming, Next.Resume);
                            break;
                        case GatewayOpCode.InvalidSession:
                            var resumable = payload.D.ValueKind == JsonValueKind.True && client._session is not null;
                            Logger.GatewayInvalidSession(payload.D.ValueKind == JsonValueKind.True);
                            await (resumable
                                ? BeginCloseAsync(GatewayCloseCodes.Resuming, Next.Resume)
                                : BeginCloseAsync(GatewayCloseCodes.Normal, Next.IdentifyAfterDelay));
                            break;
                        case GatewayOpCode.Dispatch:
                            await OnDispatchAsync(payload, ct);
                            break;
                        default:
                            Logger.GatewayUnexpectedOpcode(payload.Op);
                            break;
                    }
                }
                catch (WebSocketException ex)
                {
                    // The socket is closing or gone; the next receive reports how, and that decides what comes next.
                    Logger.GatewaySendFailed(ex.Message);
                }
                catch (JsonException ex)
                {
                    Logger.GatewayPayloadSkipped(payload.Op, payload.T, ex.Message);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Shutting down: the dispatch queue takes no more; keep reading until the server answers our close.
                    Logger.GatewayPayloadSkipped(payload.Op, payload.T, "the bot is shutting down");
                }
            }
        }

        /// <summary>Completes when the heartbeat and a pending Identify have stopped (the connection token is cancelled).</summary>
        public Task StopBackgroundAsync() => Task.WhenAll(_heartbeat, _identify);

        /// <summary>A real shutdown: close with 1000 so Discord ends the session and shows the bot offline at once.</summary>
        public void CloseForShutdown() => _close = BeginCloseAsync(GatewayCloseCodes.Normal, Next.Identify);

        /// <summary>Completes when a close this side started has been sent (or given up on).</summary>
        public Task ClosingAsync() => _close;

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Undefined => "missing",
            _ => kind.ToString().ToLowerInvariant(),
        };

        private ConnectionOutcome OnClosed(int? code)
        {
            Logger.GatewayClosed(code);
            // A fatal code is Discord's own verdict (it never echoes one of ours), so it wins over a close this side began
            // when the two frames cross: reconnecting would only be refused again.
            if (code is { } c && GatewayCloseCodes.IsFatal(c))
            {
                return new ConnectionOutcome(Next.Fatal, _established, c);
            }
            if (_requested is { } requested)
            {
                return new ConnectionOutcome(requested, _established, code);
            }
            if (code is { } n && GatewayCloseCodes.RequiresNewSession(n))
            {
                return new ConnectionOutcome(Next.Identify, _established, n);
            }
            return new ConnectionOutcome(Next.Resume, _established, code);
        }

        private GatewayPayload? Parse(byte[] message)
        {
            try
            {
                return JsonSerializer.Deserialize(message, GatewayJsonContext.Default.GatewayPayload);
            }
            catch (JsonException ex)
            {
                Logger.GatewayMalformedPayload(ex.Message);
                return null;
            }
        }

        private async Task OnDispatchAsync(GatewayPayload payload, CancellationToken ct)
        {
            if (payload.S is { } s)
            {
                Volatile.Write(ref client._sequence, s);
            }
            switch (payload.T)
            {
                case "READY":
                    var ready = payload.D.Deserialize(DiscordJsonContext.Default.ReadyEvent)!;
                    if (ready is not { SessionId.Length: > 0, Application: not null, User: not null }
                        || !Uri.TryCreate(ready.ResumeGatewayUrl, UriKind.Absolute, out _))
                    {
                        Logger.GatewayPayloadSkipped(payload.Op, payload.T, "session_id, resume_gateway_url, user or application is missing");
                        break;
                    }
                    client._session = new Session(ready.SessionId, new Uri(ready.ResumeGatewayUrl));
                    _established = true;
                    Volatile.Write(ref client._connected, true);
                    Logger.GatewayReady(ready.Guilds.Count);
                    await client._sink.OnReadyAsync(ready, ct);
                    break;
                case "RESUMED":
                    _established = true;
                    Volatile.Write(ref client._connected, true);
                    Logger.GatewayResumed(Volatile.Read(ref client._sequence));
                    break;
                case { } eventName:
                    await client._sink.OnDispatchAsync(eventName, payload.D, ct);
                    break;
                default:
                    Logger.GatewayUnexpectedOpcode(payload.Op);
                    break;
            }
        }

        private async Task HeartbeatLoopAsync(TimeSpan interval, CancellationToken ct)
        {
            await Task.Yield();
            try
            {
                await Task.Delay(interval * client._policy.Jitter(), client._time, ct);
                while (true)
                {
                    if (Volatile.Read(ref _acked) == 0)
                    {
                        // No ACK since our last beat: the connection is zombied. Close without 1000 and resume.
                        Logger.GatewayZombie();
                        await BeginCloseAsync(GatewayCloseCodes.Resuming, Next.Resume);
                        return;
                    }
                    await SendHeartbeatAsync(priority: true, ct);
                    await Task.Delay(interval, client._time, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The connection is over.
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
            {
                // The socket closed under the beat; the receive loop has seen or will see why and decides what comes next.
                Logger.GatewaySendFailed(ex.Message);
            }
        }

        private Task SendHeartbeatAsync(bool priority, CancellationToken ct)
        {
            Volatile.Write(ref _acked, 0);
            var sequence = Volatile.Read(ref client._sequence);
            return SendAsync(
                new GatewayFrame<int?>(GatewayOpCode.Heartbeat, sequence == NoSequence ? null : sequence),
                GatewayJsonContext.Default.GatewayFrameNullableInt32, priority, ct);
        }

        private async Task IdentifyInTurnAsync(IdentifyTurn turn, CancellationToken ct)
        {
            try
            {
                using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, connectionCts.Token);
                await client._starts.WaitForTurnAsync(turn, either.Token);
                await SendIdentifyAsync(ct);
                client._starts.Sent(turn);
            }
            catch (OperationCanceledException)
            {
                // The connection ended (or the bot is stopping) before its turn came.
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
            {
                // The socket closed under the Identify; the receive loop has seen or will see why.
                Logger.GatewaySendFailed(ex.Message);
            }
            catch (InvalidOperationException ex)
            {
                // An Identify that cannot be sent (too large): the attempt fails, and the receive loop reports why.
                _identifyFailure = ExceptionDispatchInfo.Capture(ex);
                transport.Abort();
            }
        }

        private Task SendIdentifyAsync(CancellationToken ct)
        {
            var settings = client._options.Value;
            var os = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "linux";
            // Discord's "Sharding": [shard_id, num_shards]; an unsharded bot may leave it out, and does.
            var shardField = client._shard.IsSharded ? new[] { client._shard.Id, client._shard.Count } : null;
            var identify = new IdentifyData(settings.Token, settings.Intents, new IdentifyProperties(os, "MlePrep.Discord", "MlePrep.Discord"), shardField);
            Logger.GatewayIdentifying(settings.Intents);
            return SendAsync(new GatewayFrame<IdentifyData>(GatewayOpCode.Identify, identify),
                GatewayJsonContext.Default.GatewayFrameIdentifyData, priority: true, ct);
        }

        private Task SendResumeAsync(CancellationToken ct)
        {
            var sequence = Volatile.Read(ref client._sequence);
            var resume = new ResumeData(client._options.Value.Token, client._session!.SessionId, sequence == NoSequence ? 0 : sequence);
            Logger.GatewayResuming(resume.Seq);
            return SendAsync(new GatewayFrame<ResumeData>(GatewayOpCode.Resume, resume),
                GatewayJsonContext.Default.GatewayFrameResumeData, priority: true, ct);
        }

        private async Task SendAsync<T>(GatewayFrame<T> frame, JsonTypeInfo<GatewayFrame<T>> info, bool priority, CancellationToken ct)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(frame, info);
            if (bytes.Length > MaxPayloadBytes)
            {
                // Discord closes with 4002 instead; the payload is not quoted because Identify carries the token.
                throw new InvalidOperationException($"Gateway op {frame.Op} payload is {bytes.Length} bytes; Discord accepts at most {MaxPayloadBytes}.");
            }
            await _limiter.WaitAsync(priority, ct);
            await transport.SendAsync(bytes, ct);
        }

        // Sends our close frame and lets the receive loop end on the server's answer, or drops the socket if none comes.
        private async Task BeginCloseAsync(int code, Next next)
        {
            if (Interlocked.Exchange(ref _closing, 1) == 1)
            {
                return;
            }
            _requested = next;
            _ = AbortAfterAsync(client._policy.CloseTimeout);
            try
            {
                await transport.CloseOutputAsync(code, connectionCts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                transport.Abort();
            }
        }

        private async Task AbortAfterAsync(TimeSpan timeout)
        {
            try
            {
                await Task.Delay(timeout, client._time, connectionCts.Token);
                transport.Abort();
            }
            catch (OperationCanceledException)
            {
                // The connection ended in time.
            }
        }

        private async Task HelloTimedOutAsync()
        {
            Logger.GatewayHelloTimeout();
            await BeginCloseAsync(GatewayCloseCodes.Resuming, Next.Resume);
        }
    }
}
