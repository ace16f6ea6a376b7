namespace MlePrep.Bot.Scheduling;

/// <summary>A channel's daily-question schedule (LiteDB document, id = channel id). The source of truth for Quartz.</summary>
public sealed class DailySchedule
{
    public long Id { get; set; }
    public ulong GuildId { get; set; }
    public int Hour { get; set; }
    public int Minute { get; set; }

    /// <summary>IANA zone id, e.g. Europe/Berlin.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>Days it posts on, as a <see cref="PostingDays"/> mask.</summary>
    public PostingDays Days { get; set; } = PostingDays.EveryDay;

    /// <summary>Only questions of this category, when set.</summary>
    public string? Category { get; set; }

    public ulong? PingRoleId { get; set; }

    /// <summary>Open a public discussion thread on each post.</summary>
    public bool OpenThread { get; set; }

    /// <summary>Paused after repeated failures; <c>/daily set</c> resumes.</summary>
    public bool Paused { get; set; }

    public string? PausedReason { get; set; }

    /// <summary>Failed occurrences in a row; three pause the schedule.</summary>
    public int ConsecutiveFailures { get; set; }

    public ulong SetBy { get; set; }

    public DateTime SetAt { get; set; }

    /// <summary>The channel's shuffled order of question ids; <see cref="RotationIndex"/> is the next one to post.</summary>
    public List<string> Rotation { get; set; } = [];

    public int RotationIndex { get; set; }

    public ulong ChannelId => (ulong)Id;
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
/// The occurrence ledger: one document per (channel, local date), id <c>{channelId}:{yyyy-MM-dd}</c>. Posting is
/// idempotent through it: a date that is posted is never posted again.
/// </summary>
public sealed class DailyOccurrence
{
    public string Id { get; set; } = "";
    public ulong ChannelId { get; set; }
    public ulong GuildId { get; set; }

    /// <summary>The schedule's local date, yyyy-MM-dd.</summary>
    public string LocalDate { get; set; } = "";

    /// <summary>When it was due (UTC).</summary>
    public DateTime DueAt { get; set; }

    public OccurrenceStatus Status { get; set; }

    /// <summary>When the post went out (UTC); a streak window runs from here to the next posted occurrence.</summary>
    public DateTime? PostedAt { get; set; }

    public ulong? MessageId { get; set; }
    public string? QuestionId { get; set; }
    public ulong? ThreadId { get; set; }

    /// <summary>Posted after its due time (the bot was offline when it was due).</summary>
    public bool Late { get; set; }

    /// <summary>Why it failed or was skipped.</summary>
    public string? Reason { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the latest attempt began (UTC): an attempt whose outcome is unknown may have landed.</summary>
    public DateTime? LastAttemptAt { get; set; }

    /// <summary>Failed for a reason that passes (5xx, 429, a timeout, no connection): retried within the day and at start.</summary>
    public bool Transient { get; set; }

    /// <summary>When the next retry of a transient failure is due (UTC), if one is queued.</summary>
    public DateTime? RetryAt { get; set; }

    public static string Key(ulong channelId, DateOnly localDate) => $"{channelId}:{localDate:yyyy-MM-dd}";
}
