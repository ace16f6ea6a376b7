namespace MlePrep.Discord;

/// <summary>Discord snowflake arithmetic: <c>timestamp_ms = (id &gt;&gt; 22) + 1420070400000</c>.</summary>
public static class Snowflake
{
    /// <summary>The Discord epoch, 2015-01-01T00:00:00Z, in Unix milliseconds.</summary>
    public const long DiscordEpochMs = 1_420_070_400_000;

    /// <summary>When the object with this id was created.</summary>
    public static DateTimeOffset ToTimestamp(ulong id) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(id >> 22) + DiscordEpochMs);

    /// <summary>A snowflake for <paramref name="time"/> with the given low 22 bits (worker, process, increment).</summary>
    public static ulong FromTimestamp(DateTimeOffset time, ulong low = 0) =>
        ((ulong)(time.ToUnixTimeMilliseconds() - DiscordEpochMs) << 22) | (low & 0x3FFFFF);
}
