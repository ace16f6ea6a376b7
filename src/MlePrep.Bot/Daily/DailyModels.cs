namespace MlePrep.Bot.Daily;

/// <summary>A channel's daily-question schedule, one per channel. The source of truth for Quartz. Dates are UTC.</summary>
public sealed record DailySchedule
{
    public ulong ChannelId { get; init; }
    public ulong GuildId { get; init; }
    public int Hour { get; init; }
    public int Minute { get; init; }

    /// <summary>IANA zone id, e.g. Europe/Berlin.</summary>
    public string TimeZoneId { get; init; } = "UTC";

    /// <summary>Days it posts on, as a <see cref="PostingDays"/> mask.</summary>
    public PostingDays Days { get; init; } = PostingDays.EveryDay;

    /// <summary>Only questions of this category, when set.</summary>
    public string? Category { get; init; }

    public ulong? PingRoleId { get; init; }

    /// <summary>Open a public discussion thread on each post.</summary>
    public bool OpenThread { get; init; }

    /// <summary>Paused after repeated failures; <c>/daily set</c> resumes.</summary>
    public bool Paused { get; init; }

    public string? PausedReason { get; init; }

    /// <summary>Failed occurrences in a row; three pause the schedule.</summary>
    public int ConsecutiveFailures { get; init; }

    public ulong SetBy { get; init; }

    public DateTime SetAt { get; init; }

    /// <summary>The channel's shuffled order of question ids; <see cref="RotationIndex"/> is the next one to post.</summary>
    public IReadOnlyList<string> Rotation { get; init; } = [];

    public int RotationIndex { get; init; }
}

/// <summary>Days of the week a schedule posts on.</summary>
[Flags]
public enum PostingDays
{
    None = 0,
    Sunday = 1 << 0,
    Monday = 1 << 1,
    Tuesday = 1 << 2,
    Wednesday = 1 << 3,
    Thursday = 1 << 4,
    Friday = 1 << 5,
    Saturday = 1 << 6,
    Weekdays = Monday | Tuesday | Wednesday | Thursday | Friday,
    Weekends = Saturday | Sunday,
    EveryDay = Weekdays | Weekends,
}

/// <summary>What became of one scheduled day in one channel.</summary>
public enum OccurrenceStatus
{
    /// <summary>Recorded before posting; a post may be in flight.</summary>
    Pending = 0,
    Posted = 1,
    Failed = 2,
    /// <summary>Never posted (the bot was offline or the schedule paused); it does not exist for streaks.</summary>
    Skipped = 3,
}

/// <summary>
/// One entry of the occurrence ledger: one per (channel, local date), id <c>{channelId}:{yyyy-MM-dd}</c>. Posting is
/// idempotent through it: a date that is posted is never posted again. Dates are UTC.
/// </summary>
public sealed record DailyOccurrence
{
    public string Id { get; init; } = "";
    public ulong ChannelId { get; init; }
    public ulong GuildId { get; init; }

    /// <summary>The schedule's local date, yyyy-MM-dd.</summary>
    public string LocalDate { get; init; } = "";

    /// <summary>When it was due (UTC).</summary>
    public DateTime DueAt { get; init; }

    public OccurrenceStatus Status { get; init; }

    /// <summary>When the post went out (UTC); a streak window runs from here to the next posted occurrence.</summary>
    public DateTime? PostedAt { get; init; }

    public ulong? MessageId { get; init; }
    public string? QuestionId { get; init; }
    public ulong? ThreadId { get; init; }

    /// <summary>Posted after its due time (the bot was offline when it was due).</summary>
    public bool Late { get; init; }

    /// <summary>Why it failed or was skipped.</summary>
    public string? Reason { get; init; }

    public int Attempts { get; init; }

    /// <summary>When the latest attempt began (UTC): an attempt whose outcome is unknown may have landed.</summary>
    public DateTime? LastAttemptAt { get; init; }

    /// <summary>Failed for a reason that passes (5xx, 429, a timeout, no connection): retried within the day and at start.</summary>
    public bool Transient { get; init; }

    /// <summary>When the next retry of a transient failure is due (UTC), if one is queued.</summary>
    public DateTime? RetryAt { get; init; }

    public static string Key(ulong channelId, DateOnly localDate) => $"{channelId}:{localDate:yyyy-MM-dd}";
}
