using MlePrep.Bot.Scheduling;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Streaks;

/// <summary>
/// Keeps "N members answered" on each daily post current, editing a post at most once per <see cref="MinInterval"/>
/// however many answers arrive: a change schedules an edit at the last edit + 10 s (or 10 s from now when the post was
/// not edited in the last 10 s, so a burst of answers lands in one edit), later changes only mark the post dirty, and
/// the edit reads the count when it is sent.
/// </summary>
public sealed class LiveAnswerCount(
    IDailyPostRenderer renderer,
    IDiscordRestClient rest,
    DailyLedger ledger,
    AnswerStore answers,
    TimeProvider time,
    ILogger<LiveAnswerCount> logger) : IDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, PostState> _posts = [];

    /// <summary>The answer count of <paramref name="occurrence"/> changed; its post will show it within 10 s.</summary>
    public void CountChanged(DailyOccurrence occurrence)
    {
        if (occurrence.MessageId is not { } messageId)
        {
            return;
        }
        lock (_gate)
        {
            Prune();
            if (!_posts.TryGetValue(messageId, out var post))
            {
                post = new PostState(occurrence.Id, occurrence.ChannelId);
                _posts[messageId] = post;
            }
            if (post.Phase != Phase.Idle)
            {
                post.Dirty = true;
                return;
            }
            Schedule(messageId, post);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var post in _posts.Values)
            {
                post.Timer?.Dispose();
            }
            _posts.Clear();
        }
    }

    /// <summary>Idle posts edited 10 s ago or more are pruned first, so the delay is always positive.</summary>
    private void Schedule(ulong messageId, PostState post)
    {
        var now = time.GetUtcNow();
        var due = (post.LastEdit ?? now) + MinInterval;
        post.Phase = Phase.Scheduled;
        post.Timer?.Dispose();
        post.Timer = time.CreateTimer(_ => _ = EditAsync(messageId, post), null, due - now, Timeout.InfiniteTimeSpan);
    }

    private async Task EditAsync(ulong messageId, PostState post)
    {
        lock (_gate)
        {
            post.Phase = Phase.Editing;
            post.Dirty = false;
        }
        try
        {
            if (ledger.Occurrence(post.OccurrenceId) is { } occurrence)
            {
                var count = answers.CountFor(occurrence.Id);
                await rest.EditMessageAsync(post.ChannelId, messageId, renderer.Render(occurrence, count), CancellationToken.None);
                Log.LiveCountEdited(logger, messageId, count);
            }
        }
        catch (Exception e)
        {
            // A timer callback has nobody to throw to; a deleted post or a Discord hiccup only costs this one update.
            Log.LiveCountEditFailed(logger, messageId, e);
        }
        finally
        {
            lock (_gate)
            {
                post.LastEdit = time.GetUtcNow();
                post.Phase = Phase.Idle;
                if (post.Dirty)
                {
                    post.Dirty = false;
                    Schedule(messageId, post);
                }
            }
        }
    }

    /// <summary>Forgets idle posts whose last edit no longer constrains the next one.</summary>
    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (messageId, post) in _posts.Where(p => p.Value.Phase == Phase.Idle && p.Value.LastEdit + MinInterval <= now).ToList())
        {
            post.Timer?.Dispose();
            _posts.Remove(messageId);
        }
    }

    private enum Phase
    {
        Idle,
        Scheduled,
        Editing,
    }

    private sealed class PostState(string occurrenceId, ulong channelId)
    {
        public string OccurrenceId { get; } = occurrenceId;
        public ulong ChannelId { get; } = channelId;
        public Phase Phase { get; set; }
        public bool Dirty { get; set; }
        public DateTimeOffset? LastEdit { get; set; }
        public ITimer? Timer { get; set; }
    }
}
