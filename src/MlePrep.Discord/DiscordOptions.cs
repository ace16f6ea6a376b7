using System.ComponentModel.DataAnnotations;

namespace MlePrep.Discord;

/// <summary>Settings of the Discord connection, bound from the <c>Discord</c> configuration section.</summary>
public sealed class DiscordOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Discord";

    /// <summary>The bot token. Never logged.</summary>
    [Required(ErrorMessage = "Discord:Token is not set. Set the environment variable Discord__Token to your bot token (Developer Portal → your application → Bot → Reset Token).")]
    public string Token { get; set; } = "";

    /// <summary>Base URL of the HTTP API, with its version: https, or http on a loopback host only.</summary>
    [Required(ErrorMessage = "Discord:ApiBaseUrl is empty; leave it unset for https://discord.com/api/v10.")]
    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    /// <summary>Gateway intents. Interactions need none; <c>GUILDS</c> (1) adds guild join/leave events.</summary>
    [Range(0, 1 << 0, ErrorMessage = "Discord:Intents must be from {1} to {2}.")]
    public int Intents { get; set; } = GatewayIntents.Guilds;

    /// <summary>How many received interactions may wait for the dispatcher before the receive loop waits.</summary>
    [Range(1, 100_000, ErrorMessage = "Discord:DispatchQueueCapacity must be from {1} to {2}.")]
    public int DispatchQueueCapacity { get; set; } = 1024;

    /// <summary>How many interactions are handled at once.</summary>
    [Range(1, 1024, ErrorMessage = "Discord:MaxConcurrentInteractions must be from {1} to {2}.")]
    public int MaxConcurrentInteractions { get; set; } = 64;

    /// <summary>
    /// On shutdown, how long interactions already received may still run and send their replies before their
    /// cancellation token fires. Counted from the stop signal, so keep it below the host's shutdown timeout (30 s).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many shards (gateway connections) the bot's servers are split over: <c>1</c>, a number, or <c>auto</c> for
    /// the count Discord recommends in GET /gateway/bot. Discord requires sharding from 2,500 servers per connection.
    /// </summary>
    public string ShardCount { get; set; } = "1";

    /// <summary>Which of the shards this process runs: <c>0</c>, <c>0,1</c>, <c>0-3</c>; unset runs them all.</summary>
    public string? ShardIds { get; set; }

    /// <summary>The URL and version sent in the <c>User-Agent</c> header, as Discord asks.</summary>
    public string UserAgent { get; set; } = "DiscordBot (https://github.com/mleprep/mleprep-bot, 0.1.0)";
}

/// <summary>Gateway intent bits this client knows (none of them privileged).</summary>
public static class GatewayIntents
{
    /// <summary>GUILD_CREATE, GUILD_DELETE, CHANNEL_* events.</summary>
    public const int Guilds = 1 << 0;
}
