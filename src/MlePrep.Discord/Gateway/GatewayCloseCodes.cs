namespace MlePrep.Discord.Gateway;

/// <summary>What each gateway close code means for the reconnect decision (Discord's close-code table).</summary>
internal static class GatewayCloseCodes
{
    /// <summary>Ends the session (the bot shows offline). Sent when the client starts over with Identify.</summary>
    public const int Normal = 1000;

    /// <summary>Any code other than 1000/1001 keeps the session resumable; discord.js uses 4200 for this.</summary>
    public const int Resuming = 4200;

    public const int AuthenticationFailed = 4004;

    /// <summary>4004 and 4010–4014 cannot be fixed by reconnecting.</summary>
    public static bool IsFatal(int code) => code is AuthenticationFailed or (>= InvalidShard and <= 4014);

    /// <summary>These close codes need a new session; 1000 from the server ends the session too.</summary>
    public static bool RequiresNewSession(int code) => code is Normal or 4003 or 4005 or 4007 or 4008 or 4009;

    public const int InvalidShard = 4010;

    public const int ShardingRequired = 4011;

    /// <summary>An operator-facing explanation of a fatal close code on <paramref name="shard"/>'s connection.</summary>
    public static string DescribeFatal(int code, Shard shard) => code switch
    {
        AuthenticationFailed => "Discord rejected the bot token (close 4004). Check Discord__Token.",
        InvalidShard => $"Discord rejected shard {shard} (close 4010 invalid shard). Check Discord__ShardCount and Discord__ShardIds: every process must use the same ShardCount, and ShardIds must be below it.",
        ShardingRequired => shard.IsSharded
            ? $"Discord requires more shards: shard {shard} would carry too many servers (close 4011 sharding required). Raise Discord__ShardCount, or set it to auto for Discord's recommendation."
            : "Discord requires sharding: one connection would carry too many servers (close 4011 sharding required). Set Discord__ShardCount to auto (Discord's recommendation) or to a number of shards, each with at most 2,500 servers.",
        4012 => "Discord rejected the gateway API version (close 4012).",
        4013 => "Discord rejected the gateway intents as invalid (close 4013). Check Discord__Intents.",
        4014 => "Discord refused a privileged gateway intent that is not enabled for this bot (close 4014). Check Discord__Intents.",
        _ => $"The gateway closed the connection with {code} and it cannot be resumed.",
    };
}
