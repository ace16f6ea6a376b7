namespace MlePrep.Discord.Emulator;

/// <summary>How the emulator behaves. Defaults follow Discord; tests shorten the intervals.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The only bot token the emulator accepts.</summary>
    public string BotToken { get; set; } = "emulator-bot-token";

    /// <summary>The application the bot belongs to.</summary>
    public ulong ApplicationId { get; set; } = 1_300_000_000_000_000_001;

    /// <summary>The bot's user id.</summary>
    public ulong BotUserId { get; set; } = 1_300_000_000_000_000_002;

    /// <summary>Heartbeat interval sent in Hello (Discord sends 41250 ms).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(41_250);

    /// <summary>Requests per second per bot across non-interaction routes (Discord: 50); 0 turns the limit off.</summary>
    public int GlobalRequestsPerSecond { get; set; } = 50;

    /// <summary>The first callback must arrive within this time of the interaction's creation (Discord: 3 s).</summary>
    public TimeSpan InteractionDeadline { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Create Message bucket size per channel (Discord: 5).</summary>
    public int MessagesPerWindow { get; set; } = 5;

    /// <summary>Create Message bucket window (Discord: 5 s); tests shorten it.</summary>
    public TimeSpan MessageRateWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><c>session_start_limit.max_concurrency</c> in GET /gateway/bot: identify rate-limit keys (Discord: 1 for most bots).</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>Each rate-limit key (<c>shard_id % max_concurrency</c>) identifies at most once per this window (Discord: 5 s).</summary>
    public TimeSpan IdentifyWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A connection that would carry more guilds than this is closed with 4011 (Discord: 2,500 per shard); tests lower it.</summary>
    public int ShardingRequiredAbove { get; set; } = 2500;

    /// <summary>GET /gateway/bot recommends one shard per this many guilds (Discord recommends roughly 1,000).</summary>
    public int GuildsPerRecommendedShard { get; set; } = 1000;

    /// <summary>The largest file an upload may carry (Discord's default <c>attachment_size_limit</c>: 10 MiB).</summary>
    public int AttachmentSizeLimit { get; set; } = 10 * 1024 * 1024;

    /// <summary>Clock used for deadlines, snowflakes and rate limits.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }
}
