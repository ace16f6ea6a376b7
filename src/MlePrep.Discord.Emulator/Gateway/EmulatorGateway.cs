using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MlePrep.Discord.Emulator.Rest;

namespace MlePrep.Discord.Emulator.Gateway;

/// <summary>
/// The emulator's WebSocket gateway (Discord gateway v10, JSON, no compression): Hello, heartbeat ACKs, Identify and
/// Resume with Discord's checks and close codes, sequence numbers and a replay buffer per session, plus hooks that make
/// the server misbehave the way Discord may (op 7, op 9, close codes, dropped TCP, missing ACKs).
/// </summary>
public sealed partial class EmulatorGateway(EmulatorOptions options, EmulatorRest rest) : IGatewayDispatcher, IAsyncDisposable
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
    private readonly Waiters<EmulatorGateway> _waiters = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _nextConnectionId;
    private int _identifyCount;
    private int _resumeCount;
    private int _sessionStartsRemaining = SessionStartTotal;
    private DateTimeOffset _sessionStartWindow = options.TimeProvider.GetUtcNow();

    internal Uri BaseUrl { get; set; } = null!;

    internal EmulatorOptions Options { get; } = options;

    internal EmulatorRest Rest { get; } = rest;

    /// <summary>ws://127.0.0.1:{port}/gateway, the URL <c>GET /gateway/bot</c> returns.</summary>
    public Uri GatewayUrl => WebSocketUrl(GatewayPath);

    /// <summary>ws://127.0.0.1:{port}/gateway-resume, READY's <c>resume_gateway_url</c>.</summary>
    public Uri ResumeGatewayUrl => WebSocketUrl(ResumePath);

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
            ["shards"] = RecommendedShards(),
            ["session_start_limit"] = new JsonObject
            {
                ["total"] = SessionStartTotal,
                ["remaining"] = remaining,
                ["reset_after"] = (long)resetAfter.TotalMilliseconds,
                ["max_concurrency"] = Options.MaxConcurrency,
            },
        });
    }

    private static string Id(ulong id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Uri WebSocketUrl(string path) => new UriBuilder(BaseUrl) { Scheme = "ws", Path = path }.Uri;
}
