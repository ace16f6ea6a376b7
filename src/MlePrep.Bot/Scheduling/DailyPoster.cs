using System.Collections.Concurrent;
using System.Net;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Scheduling;

/// <summary>Why a post is being made.</summary>
public enum PostTrigger
{
    /// <summary>The channel's trigger fired.</summary>
    Schedule,
    /// <summary>At start, for an occurrence the bot was offline for.</summary>
    Recovery,
    /// <summary><c>/daily post</c>.</summary>
    Manual,
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
/// produce a second message. Posts of one channel are serialised.
/// </summary>
public sealed class DailyPoster(
    DailyStore store,
    QuestionBank bank,
    IDailyScheduler scheduler,
    IDiscordRestClient rest,
    TimeProvider time,
    ILogger<DailyPoster> logger)
{
    /// <summary>A post this much after its due time says it is late.</summary>
    internal static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(1);

    internal const int FailuresBeforePause = 3;

    private readonly ConcurrentDictionary<ulong, SemaphoreSlim> _channelGates = new();

    public async Task<PostOutcome> PostAsync(ulong channelId, DateTimeOffset due, PostTrigger trigger, CancellationToken ct)
    {
        var gate = _channelGates.GetOrAdd(channelId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return await PostLockedAsync(channelId, due, trigger, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<PostOutcome> PostLockedAsync(ulong channelId, DateTimeOffset due, PostTrigger trigger, CancellationToken ct)
    {
        var schedule = store.Schedule(channelId);
        if (schedule is null || (schedule.Paused && trigger != PostTrigger.Manual))
        {
            return new PostOutcome(PostResult.NotScheduled);
        }
        var date = DailyRules.LocalDate(schedule, due);
        var occurrence = store.Occurrence(DailyOccurrence.Key(channelId, date));
        switch (occurrence?.Status)
        {
            case OccurrenceStatus.Posted:
                await EnsureThreadAsync(schedule, occurrence, ct);
                return new PostOutcome(PostResult.AlreadyPosted, occurrence);
            case OccurrenceStatus.Skipped when trigger != PostTrigger.Manual:
                return new PostOutcome(PostResult.Skipped, occurrence);
        }

        var now = time.GetUtcNow();
        occurrence ??= new DailyOccurrence
        {
            Id = DailyOccurrence.Key(channelId, date),
            ChannelId = channelId,
            GuildId = schedule.GuildId,
            LocalDate = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            DueAt = due.UtcDateTime,
        };
        // A retry posts the question chosen the first time.
        var question = occurrence.QuestionId is { } chosen && bank.Find(chosen) is { } known ? known : QuestionRotation.Next(schedule, bank, Random.Shared);
        occurrence.QuestionId = question.Id;
        occurrence.Status = OccurrenceStatus.Pending;
        occurrence.Attempts++;
        occurrence.Reason = null;
        occurrence.Late = trigger != PostTrigger.Manual && now - due > LateAfter;
        store.Save(schedule);
        store.Save(occurrence);

        var payload = DailyPostRenderer.Render(occurrence, question, schedule, answerCount: 0) with
        {
            Nonce = DailyPostRenderer.Nonce(occurrence),
            EnforceNonce = true,
        };
        Message message;
        try
        {
            message = await rest.CreateMessageAsync(channelId, payload, ct);
        }
        catch (DiscordApiException e)
        {
            return await FailAsync(schedule, occurrence, Explain(e), e.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, ct);
        }
        catch (HttpRequestException e)
        {
            return await FailAsync(schedule, occurrence, $"Discord could not be reached ({e.Message})", countsTowardPause: false, ct);
        }

        occurrence.Status = OccurrenceStatus.Posted;
        occurrence.MessageId = message.Id;
        occurrence.PostedAt = time.GetUtcNow().UtcDateTime;
        schedule.ConsecutiveFailures = 0;
        store.Save(occurrence);
        store.Save(schedule);
        Log.DailyPosted(logger, channelId, occurrence.LocalDate, question.Id, occurrence.Late);
        await EnsureThreadAsync(schedule, occurrence, ct);
        return new PostOutcome(PostResult.Posted, occurrence);
    }

    /// <summary>Opens the discussion thread if the schedule wants one and it is not there yet; never reposts.</summary>
    private async Task EnsureThreadAsync(DailySchedule schedule, DailyOccurrence occurrence, CancellationToken ct)
    {
        if (!schedule.OpenThread || occurrence.ThreadId is not null || occurrence.MessageId is not { } messageId)
        {
            return;
        }
        try
        {
            var date = DateOnly.ParseExact(occurrence.LocalDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var thread = await rest.StartThreadFromMessageAsync(occurrence.ChannelId, messageId, new ThreadCreate
            {
                Name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{occurrence.QuestionId} · {date:ddd d MMM} discussion"),
                AutoArchiveDuration = 1440,
            }, ct);
            occurrence.ThreadId = thread.Id;
            occurrence.Reason = null;
        }
        catch (DiscordApiException e)
        {
            occurrence.Reason = $"posted, but the discussion thread could not be opened: {Explain(e)}";
            Log.DailyThreadFailed(logger, occurrence.ChannelId, occurrence.LocalDate, e.Code);
        }
        store.Save(occurrence);
    }

    private async Task<PostOutcome> FailAsync(DailySchedule schedule, DailyOccurrence occurrence, string reason, bool countsTowardPause, CancellationToken ct)
    {
        occurrence.Status = OccurrenceStatus.Failed;
        occurrence.Reason = reason;
        store.Save(occurrence);
        if (countsTowardPause && ++schedule.ConsecutiveFailures >= FailuresBeforePause)
        {
            schedule.Paused = true;
            schedule.PausedReason = $"paused after {FailuresBeforePause} failed posts in a row: {reason}";
            await scheduler.RemoveAsync(schedule.ChannelId, ct);
        }
        store.Save(schedule);
        Log.DailyFailed(logger, schedule.ChannelId, occurrence.LocalDate, reason);
        return new PostOutcome(PostResult.Failed, occurrence);
    }

    internal static string Explain(DiscordApiException e) => e.Code switch
    {
        DiscordErrorCodes.UnknownChannel => "the channel no longer exists",
        DiscordErrorCodes.MissingAccess => "the bot cannot see the channel (it needs View Channel)",
        DiscordErrorCodes.MissingPermissions => "the bot lacks a permission there (it needs Send Messages, Embed Links, and Create Public Threads for threads)",
        _ => $"Discord refused it ({(int)e.Status}, code {e.Code}: {e.DiscordMessage})",
    };
}
