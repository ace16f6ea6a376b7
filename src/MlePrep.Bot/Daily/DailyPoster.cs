using System.Globalization;
using System.Net;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Daily;

/// <summary>Why a post is being made.</summary>
public enum PostTrigger
{
    /// <summary>The channel's trigger fired.</summary>
    Schedule,
    /// <summary>At start, for an occurrence the bot was offline for (or whose post was interrupted).</summary>
    Recovery,
    /// <summary><c>/daily post</c>.</summary>
    Manual,
    /// <summary>A queued retry after a transient failure.</summary>
    Retry,
}

public enum PostResult
{
    Posted,
    AlreadyPosted,
    Failed,
    NotScheduled,
    Skipped,
}

public sealed record PostOutcome(PostResult Result, DailyOccurrence? Occurrence = null);

/// <summary>
/// Posts one occurrence at most once. The ledger entry is written before the post (with the chosen question) and
/// after it; the post itself carries a nonce with enforce_nonce, so a retry after a crash or a timeout cannot
/// produce a second message. Posts of one channel are serialised. The poster owns the ledger and, of the schedule,
/// only the rotation and the failure count: it changes those on a fresh copy under the channel's lock, so a
/// <c>/daily set</c>, <c>stop</c> or channel deletion during a post stays as the admin left it.
/// </summary>
public sealed class DailyPoster(
    IDailyStore store,
    QuestionBank bank,
    IDailyScheduler scheduler,
    IDiscordRestClient rest,
    DailyChannelLocks locks,
    TimeProvider time,
    Random random,
    ILogger<DailyPoster> logger,
    IEnumerable<IDailyWindowClosed>? windowClosed = null)
{
    /// <summary>A post this much after its due time says it is late.</summary>
    internal static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(1);

    internal const int FailuresBeforePause = 3;

    /// <summary>The first retry after a transient failure; each further one waits twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    internal static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(1);

    internal static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(30);

    /// <summary>
    /// An attempt with an unknown outcome that began longer ago than this may have landed while Discord has forgotten
    /// its nonce (enforce_nonce dedupes for a few minutes only): the channel is searched for it before posting again.
    /// </summary>
    internal static readonly TimeSpan SearchAfter = TimeSpan.FromMinutes(1);

    /// <summary>How many of the channel's latest messages are searched for an earlier post.</summary>
    internal const int SearchDepth = 50;

    private User? _bot;

    public async Task<PostOutcome> PostAsync(ulong channelId, DateTimeOffset due, PostTrigger trigger, CancellationToken ct)
    {
        using var scope = logger.BeginScope(new LogScope(("ChannelId", channelId)));
        // One post of a channel at a time, in every process (held across Discord); the channel lock is taken only around the saves.
        using (await locks.AcquirePostAsync(channelId, ct))
        {
            var outcome = await PostGatedAsync(channelId, due, trigger, ct);
            if (outcome.Result switch
                {
                    PostResult.Posted => outcome.Occurrence is { Late: true } ? "late" : "posted",
                    PostResult.Skipped => "skipped",
                    PostResult.Failed => "failed",
                    _ => null,
                } is { } measured)
            {
                Metrics.DailyPost(measured);
            }
            return outcome;
        }
    }

    private async Task<PostOutcome> PostGatedAsync(ulong channelId, DateTimeOffset due, PostTrigger trigger, CancellationToken ct)
    {
        Attempt attempt;
        using (await locks.AcquireAsync(channelId, ct))
        {
            attempt = await BeginAsync(channelId, due, trigger);
        }
        if (attempt.Done is { } done)
        {
            if (done.Result == PostResult.Failed && attempt.Schedule is { Paused: true })
            {
                await scheduler.RemoveAsync(channelId, CancellationToken.None);
            }
            if (done is { Result: PostResult.AlreadyPosted, Occurrence: { } posted } && attempt.Schedule is { } schedule)
            {
                posted = await EnsureThreadAsync(schedule, posted, ct);
                await WindowClosedAsync(posted, ct);
                return done with { Occurrence = posted };
            }
            return done;
        }

        var occurrence = attempt.Occurrence!;
        ulong messageId;
        try
        {
            if (attempt.Search && await FindEarlierPostAsync(occurrence, ct) is { } earlier)
            {
                messageId = earlier;
                Log.DailyPostAdopted(logger, channelId, occurrence.LocalDate, earlier);
            }
            else
            {
                messageId = (await rest.CreateMessageAsync(channelId, attempt.Payload!, ct)).Id;
            }
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            // Cancelled at shutdown, it stays Pending: the next start searches the channel and retries.
            return await FailAsync(channelId, due, occurrence, Classify(e));
        }

        DailySchedule? current;
        using (await locks.AcquireAsync(channelId, CancellationToken.None))
        {
            occurrence = occurrence with
            {
                Status = OccurrenceStatus.Posted,
                MessageId = messageId,
                PostedAt = time.GetUtcNow().UtcDateTime,
                Reason = null,
                Transient = false,
                RetryAt = null,
            };
            await store.SaveAsync(occurrence);
            current = await store.ScheduleAsync(channelId);
            if (current is { ConsecutiveFailures: > 0 })
            {
                current = current with { ConsecutiveFailures = 0 };
                await store.SaveAsync(current);
            }
        }
        Log.DailyPosted(logger, channelId, occurrence.LocalDate, occurrence.QuestionId!, occurrence.Late);
        if (current is not null)
        {
            occurrence = await EnsureThreadAsync(current, occurrence, ct);
        }
        await WindowClosedAsync(occurrence, ct);
        return new PostOutcome(PostResult.Posted, occurrence);
    }

    /// <summary>The previous post's answer window closed with this one: the features that act on it do so now.</summary>
    private async Task WindowClosedAsync(DailyOccurrence posted, CancellationToken ct)
    {
        foreach (var closed in windowClosed ?? [])
        {
            try
            {
                await closed.ClosedAsync(posted, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return; // stopping: the post stands, and what is left is done at the next start
            }
            catch (Exception e)
            {
                Log.WindowClosedFailed(logger, posted.ChannelId, posted.LocalDate, e);
            }
        }
    }

    /// <summary>Under the channel lock: decides whether to post, picks the question, and records the attempt.</summary>
    private async Task<Attempt> BeginAsync(ulong channelId, DateTimeOffset due, PostTrigger trigger)
    {
        var schedule = await store.ScheduleAsync(channelId);
        if (schedule is null || (schedule.Paused && trigger != PostTrigger.Manual))
        {
            return new Attempt(new PostOutcome(PostResult.NotScheduled));
        }
        var date = DailyRules.LocalDate(schedule, due);
        var occurrence = await store.OccurrenceAsync(DailyOccurrence.Key(channelId, date));
        switch (occurrence?.Status)
        {
            case OccurrenceStatus.Posted:
                return new Attempt(new PostOutcome(PostResult.AlreadyPosted, occurrence), schedule);
            case OccurrenceStatus.Skipped when trigger != PostTrigger.Manual:
                return new Attempt(new PostOutcome(PostResult.Skipped, occurrence));
        }

        var now = time.GetUtcNow();
        // An earlier attempt that may have landed (interrupted, or no answer) is looked for before posting again.
        var search = occurrence is { Status: OccurrenceStatus.Pending } or { Status: OccurrenceStatus.Failed, Transient: true }
            && now - DailyRules.Utc(occurrence.LastAttemptAt ?? occurrence.DueAt) > SearchAfter;
        occurrence ??= new DailyOccurrence
        {
            Id = DailyOccurrence.Key(channelId, date),
            ChannelId = channelId,
            GuildId = schedule.GuildId,
            LocalDate = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DueAt = due.UtcDateTime,
        };
        occurrence = occurrence with { Late = trigger is PostTrigger.Schedule or PostTrigger.Recovery && now - due > LateAfter };
        MessagePayload payload;
        try
        {
            // A retry posts the question chosen the first time.
            Question question;
            if (occurrence.QuestionId is { } chosen && bank.Find(chosen) is { } known)
            {
                question = known;
            }
            else
            {
                (question, schedule) = QuestionRotation.Next(schedule, bank, random);
            }
            occurrence = occurrence with { QuestionId = question.Id };
            payload = DailyPostRenderer.Render(occurrence, question, schedule, answerCount: 0) with
            {
                Nonce = DailyPostRenderer.Nonce(occurrence),
                EnforceNonce = true,
            };
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // No question for the schedule's category, or one the post cannot carry: the operator has to act.
            var (failed, saved) = await FailLockedAsync(schedule, occurrence, new Failure(e.Message, Transient: false, CountsTowardPause: true), due);
            return new Attempt(failed, saved);
        }
        await store.SaveAsync(schedule); // the rotation advanced (or not, on a retry)
        occurrence = occurrence with
        {
            Status = OccurrenceStatus.Pending,
            Attempts = occurrence.Attempts + 1,
            LastAttemptAt = now.UtcDateTime,
            Reason = null,
            RetryAt = null,
        };
        await store.SaveAsync(occurrence);

        return new Attempt(null, schedule, occurrence, payload, search);
    }

    /// <summary>The id of the bot's own post of this occurrence among the channel's latest messages, if an earlier attempt landed.</summary>
    /// <remarks>
    /// A transient error fails the attempt (it is retried). Any other error only means the channel cannot be searched:
    /// the post goes ahead, with its nonce as the remaining guard.
    /// </remarks>
    private async Task<ulong?> FindEarlierPostAsync(DailyOccurrence occurrence, CancellationToken ct)
    {
        try
        {
            var bot = _bot ??= await rest.GetCurrentUserAsync(ct);
            var nonce = DailyPostRenderer.Nonce(occurrence);
            var answerId = CustomIds.Format(new AnswerId(occurrence.QuestionId!, occurrence.Id));
            var recent = await rest.ListMessagesAsync(occurrence.ChannelId, SearchDepth, ct);
            // Discord may leave the nonce out of listed messages; the Answer button names the occurrence as well.
            return recent.FirstOrDefault(m => m.Author?.Id == bot.Id && (m.NonceText == nonce || m.HasCustomId(answerId)))?.Id;
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested) && !IsTransient(e))
        {
            Log.DailySearchFailed(logger, occurrence.ChannelId, e);
            return null;
        }
    }

    /// <summary>Opens the discussion thread if the schedule wants one and it is not there yet; never reposts. Returns the occurrence as saved.</summary>
    private async Task<DailyOccurrence> EnsureThreadAsync(DailySchedule schedule, DailyOccurrence occurrence, CancellationToken ct)
    {
        if (!schedule.OpenThread || occurrence.ThreadId is not null || occurrence.MessageId is not { } messageId)
        {
            return occurrence;
        }
        try
        {
            var date = DateOnly.ParseExact(occurrence.LocalDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var thread = await rest.StartThreadFromMessageAsync(occurrence.ChannelId, messageId, new ThreadCreate
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"{occurrence.QuestionId} · {date:ddd d MMM} discussion"),
                AutoArchiveDuration = 1440,
            }, ct);
            occurrence = occurrence with { ThreadId = thread.Id, Reason = null };
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            occurrence = occurrence with { Reason = $"posted, but the discussion thread could not be opened: {Classify(e).Reason}" };
            Log.DailyThreadFailed(logger, occurrence.ChannelId, occurrence.LocalDate, (e as DiscordApiException)?.Code ?? 0);
        }
        using (await locks.AcquireAsync(occurrence.ChannelId, CancellationToken.None))
        {
            await store.SaveAsync(occurrence);
        }
        return occurrence;
    }

    private async Task<PostOutcome> FailAsync(ulong channelId, DateTimeOffset due, DailyOccurrence occurrence, Failure failure)
    {
        PostOutcome outcome;
        using (await locks.AcquireAsync(channelId, CancellationToken.None))
        {
            // A fresh copy: the schedule may have been changed, stopped or deleted while Discord was being called.
            DailySchedule? schedule;
            (outcome, schedule) = await FailLockedAsync(await store.ScheduleAsync(channelId), occurrence, failure, due);
            if (schedule is { Paused: true })
            {
                await scheduler.RemoveAsync(channelId, CancellationToken.None);
            }
            else if (outcome.Occurrence?.RetryAt is { } at)
            {
                await scheduler.RetryAsync(channelId, due, DailyRules.Utc(at), CancellationToken.None);
            }
        }
        return outcome;
    }

    /// <summary>
    /// Under the channel lock: records the failure, queues a retry within the day for a transient one, counts it toward
    /// the pause. Returns the outcome and the schedule as saved.
    /// </summary>
    private async Task<(PostOutcome Outcome, DailySchedule? Schedule)> FailLockedAsync(
        DailySchedule? schedule, DailyOccurrence occurrence, Failure failure, DateTimeOffset due)
    {
        var now = time.GetUtcNow();
        DateTime? retryAt = null;
        if (failure.Transient && schedule is { Paused: false })
        {
            var delay = FirstRetryDelay * Math.Pow(2, Math.Clamp(occurrence.Attempts - 1, 0, 10));
            var at = now + (delay < MaxRetryDelay ? delay : MaxRetryDelay);
            if (at < DailyRules.RetryCutoff(schedule, due))
            {
                retryAt = at.UtcDateTime;
            }
        }
        occurrence = occurrence with { Status = OccurrenceStatus.Failed, Reason = failure.Reason, Transient = failure.Transient, RetryAt = retryAt };
        // The schedule first: whoever sees the day failed (status, a reader outside the lock) also sees the pause it caused.
        if (schedule is not null && failure.CountsTowardPause)
        {
            var failures = schedule.ConsecutiveFailures + 1;
            schedule = failures >= FailuresBeforePause
                ? schedule with
                {
                    ConsecutiveFailures = failures,
                    Paused = true,
                    PausedReason = $"paused after {FailuresBeforePause} failed posts in a row: {failure.Reason}",
                }
                : schedule with { ConsecutiveFailures = failures };
            await store.SaveAsync(schedule);
        }
        await store.SaveAsync(occurrence);
        Log.DailyFailed(logger, occurrence.ChannelId, occurrence.LocalDate, failure.Reason);
        if (occurrence.RetryAt is { } retry)
        {
            Log.DailyRetryQueued(logger, occurrence.ChannelId, occurrence.LocalDate, DailyRules.Utc(retry));
        }
        return (new PostOutcome(PostResult.Failed, occurrence), schedule);
    }

    /// <summary>
    /// Transient: a 5xx, a 429 that outlasted the client's retries, a timeout or no connection — the post may work
    /// in a minute. Counting toward the pause: Discord says the channel is gone or the bot may not post there.
    /// </summary>
    private Failure Classify(Exception e)
    {
        switch (e)
        {
            case DiscordApiException api when IsTransient(api):
                return new Failure($"Discord was unavailable ({(int)api.Status})", Transient: true, CountsTowardPause: false);
            case DiscordApiException api:
                return new Failure(Explain(api), Transient: false, CountsTowardPause: api.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden);
            case HttpRequestException http:
                return new Failure($"Discord could not be reached ({http.Message})", Transient: true, CountsTowardPause: false);
            case TimeoutException or OperationCanceledException:
                return new Failure("Discord did not answer in time", Transient: true, CountsTowardPause: false);
            default:
                Log.DailyPostCrashed(logger, e);
                return new Failure($"an unexpected error ({e.GetType().Name})", Transient: false, CountsTowardPause: false);
        }
    }

    private static bool IsTransient(Exception e) =>
        e is TimeoutException or HttpRequestException or OperationCanceledException
        || e is DiscordApiException api && ((int)api.Status >= 500 || api.Status == HttpStatusCode.TooManyRequests);

    internal static string Explain(DiscordApiException e) => e.Code switch
    {
        DiscordErrorCodes.UnknownChannel => "the channel no longer exists",
        DiscordErrorCodes.MissingAccess => "the bot cannot see the channel (it needs View Channel)",
        DiscordErrorCodes.MissingPermissions => "the bot lacks a permission there (it needs Send Messages, Embed Links, and Create Public Threads for threads)",
        _ => $"Discord refused it ({(int)e.Status}, code {e.Code}: {e.DiscordMessage})",
    };

    private sealed record Failure(string Reason, bool Transient, bool CountsTowardPause);

    /// <summary>What <see cref="BeginAsync"/> decided: an outcome already (nothing to post), or the payload to post.</summary>
    private sealed record Attempt(
        PostOutcome? Done, DailySchedule? Schedule = null, DailyOccurrence? Occurrence = null, MessagePayload? Payload = null, bool Search = false);
}
