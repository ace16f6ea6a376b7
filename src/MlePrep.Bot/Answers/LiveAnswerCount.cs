using MlePrep.Bot.Daily;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Answers;

/// <summary>
/// Keeps "N members answered" on each daily post current, editing a post at most once per <see cref="MinInterval"/>
/// however many answers arrive: a change schedules an edit at the last edit + 10 s (or 10 s from now when the post was
/// not edited in the last 10 s, so a burst of answers lands in one edit), later changes only mark the post dirty, and
/// the edit reads the count when it is sent. At shutdown the edits still waiting are sent at once (within
/// <see cref="FlushTimeout"/>), so the last answers before a restart show on the post.
/// </summary>
public sealed class LiveAnswerCount(
    IDailyPostRenderer renderer,
    IDiscordRestClient rest,
    DailyLedger ledger,
    IAnswerStore answers,
    TimeProvider time,
    ILogger<LiveAnswerCount> logger) : IHostedService, IDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);

    /// <summary>How long shutdown waits for the last edits; well inside Docker's default 10 s stop timeout.</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, PostState> _posts = [];
    private bool _stopping;

    /// <summary>The answer count of <paramref name="occurrence"/> changed; its post will show it within 10 s.</summary>
    public void CountChanged(DailyOccurrence occurrence)
    {
        if (occurrence.MessageId is not { } messageId)
        {
            return;
        }
        PostState? now = null;
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
            if (_stopping)
            {
                // An answer handled while the host shuts down: no timer would fire any more, so edit now.
                (post.Phase, post.Settled) = (Phase.Editing, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                now = post;
            }
            else
            {
                Schedule(messageId, post);
            }
        }
        if (now is not null)
        {
            _ = EditAsync(messageId, now);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    /// <summary>Sends every pending edit now instead of at its time, and waits for them (at most <see cref="FlushTimeout"/>).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        List<Task> pending;
        List<(ulong MessageId, PostState Post)> now;
        lock (_gate)
        {
            _stopping = true;
            now = _posts.Where(p => p.Value.Phase == Phase.Scheduled).Select(p => (p.Key, p.Value)).ToList();
            foreach (var (_, post) in now)
            {
                post.Timer?.Dispose();
                post.Phase = Phase.Editing;
            }
            pending = _posts.Values.Where(p => p.Phase != Phase.Idle).Select(p => p.Settled.Task).ToList();
        }
        foreach (var (messageId, post) in now)
        {
            _ = EditAsync(messageId, post);
        }
        try
        {
            await Task.WhenAll(pending).WaitAsync(FlushTimeout, time, ct);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            Log.LiveCountFlushIncomplete(logger, pending.Count(t => !t.IsCompleted));
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
        post.Settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        post.Timer?.Dispose();
        post.Timer = time.CreateTimer(_ => _ = EditAsync(messageId, post), null, due - now, Timeout.InfiniteTimeSpan);
    }

    private async Task EditAsync(ulong messageId, PostState post)
    {
        while (true)
        {
            lock (_gate)
            {
                post.Phase = Phase.Editing;
                post.Dirty = false;
            }
            try
            {
                if (await ledger.OccurrenceAsync(post.OccurrenceId) is { } occurrence)
                {
                    var count = await answers.CountForAsync(occurrence.Id);
                    await rest.EditMessageAsync(post.ChannelId, messageId, await renderer.RenderAsync(occurrence, count), CancellationToken.None);
                    Log.LiveCountEdited(logger, messageId, count);
                }
            }
            catch (Exception e)
            {
                // A timer callback has nobody to throw to; a deleted post or a Discord hiccup only costs this one update.
                Log.LiveCountEditFailed(logger, messageId, e);
            }
            lock (_gate)
            {
                post.LastEdit = time.GetUtcNow();
                if (!post.Dirty || !_stopping)
                {
                    post.Phase = Phase.Idle;
                    post.Settled.TrySetResult();
                    if (post.Dirty)
                    {
                        post.Dirty = false;
                        Schedule(messageId, post);
                    }
                    return;
                }
            }
            // Shutting down: answers that came in during the edit go out now rather than in 10 s.
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

        /// <summary>Completes when the post is idle again (its scheduled or running edits are done).</summary>
        public TaskCompletionSource Settled { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
