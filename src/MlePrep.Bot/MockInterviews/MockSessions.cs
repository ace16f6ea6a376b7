using System.Collections.Concurrent;
using System.Globalization;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.MockInterviews;

/// <summary>
/// Runs /mock sessions: opens the private thread (or falls back to private replies), moves from question to question on an
/// answer, a skip or the end of a time box, and posts the summary. Time boxes are timers on the bot's clock, restored from
/// the store at start, so a restart resumes a session where it was.
/// </summary>
public sealed class MockSessions(
    IMockStore store,
    QuestionBank bank,
    MockPicker picker,
    IPracticeStore practice,
    IDiscordRestClient rest,
    TimeProvider time,
    Random random,
    ILogger<MockSessions> logger) : IAnswerFlow, IDisposable
{
    /// <summary>Threads the bot opens are hidden after a day without messages: a session never lasts that long.</summary>
    private const int ThreadArchiveMinutes = 1440;

    /// <summary>A session in private replies may end with no one to tell; `/mock stop` shows its summary for this long after.</summary>
    private static readonly TimeSpan RecentSummary = TimeSpan.FromHours(1);

    /// <summary>How often each process looks for boxes that ran out with no one to end them.</summary>
    internal static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(30);

    // The process holding a box's timer ends it on time; only a box this late has lost its timer with its process.
    private static readonly TimeSpan Overdue = TimeSpan.FromSeconds(30);

    private const ulong ThreadPermissions = DiscordPermissions.CreatePrivateThreads | DiscordPermissions.SendMessagesInThreads;

    // One change at a time per member: a click, an answer and a time box ending together must not each advance the session.
    private readonly ConcurrentDictionary<ulong, SemaphoreSlim> _locks = new();
    private readonly ConcurrentDictionary<string, ITimer> _timers = new();

    public async ValueTask<InteractionReply> StartAsync(InteractionContext context, MockTrack track, int minutes, CancellationToken ct)
    {
        var user = context.User.Id;
        using var _ = await LockAsync(user);
        if (await store.RunningOfAsync(user) is { } running)
        {
            return InteractionReply.Private($"You already have a mock interview running{Where(running)}. Finish it, or end it with `/mock stop`.");
        }
        var now = time.GetUtcNow();
        var questions = await picker.PickAsync(user, track, track.QuestionsFor(minutes), now);
        if (questions.Count == 0)
        {
            return InteractionReply.Private($"The question bank has no questions for the `{track.Name}` track.");
        }
        var items = questions.Select(q => MockItem.Pending(q.Id)).ToArray();
        items[0] = items[0] with { StartedAt = now };
        var id = $"{now.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture)}{random.Next(0x10000):x4}";
        var draft = new MockSession(id, context.GuildId ?? 0, user, context.ChannelId, null, track.Name, minutes, now, MockStatus.Running, 0, now, items, null);
        draft = draft with { DeadlineAt = now + draft.Box };

        var (threadId, fallback) = await OpenThreadAsync(context, ct);
        var session = draft with { ThreadId = threadId };
        if (!await store.StartAsync(session))
        {
            return InteractionReply.Private("You already have a mock interview running. Finish it, or end it with `/mock stop`.");
        }
        Log.MockStarted(logger, user, session.Id, track.Name, minutes, threadId);
        Schedule(session);
        var length = $"{items.Length} questions, {minutes} minutes ({MockCards.Duration(session.Box)} each)";
        if (threadId is { } thread)
        {
            await PostAsync(session, Card(session,
                $"🎤 **Mock interview** for <@{user}> · {track.Title} · {length}. Answer with ✍️ Answer; the next question comes after your answer or when the time box runs out."), ct);
            return InteractionReply.Private($"🎤 Your mock interview is in <#{thread}>: {length}. Only you (and the server's moderators) can see it.");
        }
        return InteractionReply.Private(Card(session,
            $"🎤 **Mock interview** · {track.Title} · {length}.\n{fallback} It runs here in private replies instead: I can't message you when a time box runs out, " +
            "so the next question shows when you answer or press a button; `/mock stop` shows your summary."));
    }

    public async ValueTask<InteractionReply> StopAsync(InteractionContext context, CancellationToken ct)
    {
        var user = context.User.Id;
        using var _ = await LockAsync(user);
        if (await store.RunningOfAsync(user) is not { } running)
        {
            return await store.OfAsync(user) is [{ ThreadId: null } last, ..] && last.EndedAt >= time.GetUtcNow() - RecentSummary
                ? InteractionReply.Private(MockCards.Summary(last, bank, MockTracks.Find(last.Track)))
                : InteractionReply.Private("You have no mock interview running. Start one with `/mock start`.");
        }
        var now = time.GetUtcNow();
        var items = running.Items.ToArray();
        items[running.Current] = await EndedAsync(running, items[running.Current], now, MockOutcome.Pending);
        var stopped = running with { Items = items, Status = MockStatus.Stopped, EndedAt = now };
        if (!await store.UpdateAsync(stopped, running.Current))
        {
            return InteractionReply.Private("Your mock interview moved on or ended just now; run `/mock stop` again if it is still running.");
        }
        Unschedule(stopped.Id);
        Log.MockEnded(logger, user, stopped.Id, stopped.Status);
        var summary = MockCards.Summary(stopped, bank, MockTracks.Find(stopped.Track));
        if (stopped.ThreadId is not null)
        {
            await PostAsync(stopped, summary, ct);
            return InteractionReply.Private($"⏹️ Stopped your mock interview; its summary is in <#{stopped.ThreadId}>.");
        }
        return InteractionReply.Private(summary);
    }

    public async ValueTask<InteractionReply> SkipAsync(InteractionContext context, MockSkipId id, CancellationToken ct)
    {
        var user = context.User.Id;
        using var _ = await LockAsync(user);
        var running = await store.RunningOfAsync(user);
        if (running?.Id != id.SessionId)
        {
            return await EndedSessionReplyAsync(user, id.SessionId);
        }
        if (running.Current != id.Index)
        {
            return Current(running, "That question is over already.");
        }
        var next = await AdvanceAsync(running, MockOutcome.Skipped, time.GetUtcNow(), ct);
        return next.ThreadId is null
            ? InteractionReply.Update(Card(next, $"⏭️ Skipped question {id.Index + 1}."))
            : InteractionReply.Update(new MessagePayload { Content = $"⏭️ Skipped question {id.Index + 1}.", Embeds = context.Interaction.Message?.Embeds, Components = [] });
    }

    /// <summary>An answer to the member's current mock question moves the session on; to an earlier one, says it was too late.</summary>
    public async ValueTask<InteractionReply?> AnsweredAsync(InteractionContext context, string questionId, int length, CancellationToken ct)
    {
        var user = context.User.Id;
        using var _ = await LockAsync(user);
        if (await store.RunningOfAsync(user) is not { } running || running.ChannelId != context.ChannelId && running.ThreadId != context.ChannelId
            || running.Items.All(i => i.QuestionId != questionId))
        {
            return null;
        }
        if (running.CurrentItem.QuestionId != questionId)
        {
            return Current(running, $"Your answer to **{questionId}** is saved as practice, but that question's time box was over.");
        }
        var saved = $"✅ Saved your answer to **{questionId}** ({length} characters); its answer key is in your summary.";
        var next = await AdvanceAsync(running, MockOutcome.Answered, time.GetUtcNow(), ct);
        return next.ThreadId is null ? InteractionReply.Private(Card(next, saved))
            : InteractionReply.Private(next.Status == MockStatus.Running ? $"{saved} The next question is in the thread." : $"{saved} Your summary is in the thread.");
    }

    /// <summary>Schedules the time box of every running session (at start: those that ran out meanwhile end at once).</summary>
    public async Task RestoreAsync()
    {
        foreach (var session in await store.RunningAsync())
        {
            Schedule(session);
        }
    }

    /// <summary>
    /// Ends every box that ran out over <see cref="Overdue"/> ago and has no timer here: it was set by another process
    /// that stopped. The store's compare-and-set lets one process advance a session, however many look.
    /// </summary>
    public async Task EndOverdueAsync()
    {
        try
        {
            var now = time.GetUtcNow();
            foreach (var session in await store.RunningAsync())
            {
                if (now - session.DeadlineAt > Overdue && !_timers.ContainsKey(session.Id))
                {
                    Schedule(session);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.MockSweepFailed(logger, e);
        }
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Dispose();
        }
        _timers.Clear();
    }

    private async Task TimedOutAsync(ulong user, string sessionId, int index)
    {
        try
        {
            using var _ = await LockAsync(user);
            if (await store.RunningOfAsync(user) is not { } running || running.Id != sessionId || running.Current != index)
            {
                return;
            }
            if (time.GetUtcNow() < running.DeadlineAt)
            {
                Schedule(running);
                return;
            }
            // The box ended at its deadline, whenever the timer ran (late after a restart): the next one starts there.
            await AdvanceAsync(running, MockOutcome.TimedOut, running.DeadlineAt, CancellationToken.None, $"⏰ Time's up on question {index + 1}.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.MockTimeBoxFailed(logger, e, sessionId);
        }
    }

    /// <summary>Ends the current question, then asks the next one or ends the session with its summary (posted in a thread).</summary>
    private async Task<MockSession> AdvanceAsync(MockSession running, MockOutcome outcome, DateTimeOffset at, CancellationToken ct, string? note = null)
    {
        var items = running.Items.ToArray();
        items[running.Current] = await EndedAsync(running, items[running.Current], at, outcome);
        MockSession next;
        if (running.Current + 1 < items.Length)
        {
            items[running.Current + 1] = items[running.Current + 1] with { StartedAt = at };
            next = running with { Items = items, Current = running.Current + 1, DeadlineAt = at + running.Box };
        }
        else
        {
            next = running with { Items = items, Status = MockStatus.Finished, EndedAt = at };
        }
        if (!await store.UpdateAsync(next, running.Current))
        {
            // Another process (its own copy of the time box) or a click got there first and posted the next step.
            return next with { Status = MockStatus.Stopped };
        }
        if (next.Status == MockStatus.Running)
        {
            Schedule(next);
        }
        else
        {
            Unschedule(next.Id);
            Log.MockEnded(logger, next.UserId, next.Id, next.Status);
        }
        if (next.ThreadId is not null)
        {
            await PostAsync(next, Card(next, note), ct);
        }
        return next;
    }

    /// <summary>The item as it ended: when, how, and the hints the member revealed on it while it ran.</summary>
    private async Task<MockItem> EndedAsync(MockSession session, MockItem item, DateTimeOffset at, MockOutcome outcome)
    {
        var reveal = (await practice.RevealsOfAsync(session.UserId))
            .FirstOrDefault(r => r.GuildId == session.GuildId && r.QuestionId == item.QuestionId);
        var hints = reveal is not null && item.StartedAt is { } start && reveal.LastRevealedAt >= start ? reveal.Rungs : 0;
        return item with { EndedAt = at, Outcome = outcome, Hints = hints };
    }

    /// <summary>The current question, or the summary once the session has ended; <paramref name="before"/> leads its text.</summary>
    private MessagePayload Card(MockSession session, string? before)
    {
        var card = session.Status == MockStatus.Running
            ? MockCards.Question(session, bank.Find(session.CurrentItem.QuestionId)!)
            : MockCards.Summary(session, bank, MockTracks.Find(session.Track));
        return before is null ? card : card with { Content = $"{before}\n\n{card.Content}" };
    }

    private InteractionReply Current(MockSession running, string note) =>
        running.ThreadId is { } thread
            ? InteractionReply.Private($"{note} Your current question is in <#{thread}>.")
            : InteractionReply.Private(Card(running, note));

    private async Task<InteractionReply> EndedSessionReplyAsync(ulong user, string sessionId) =>
        (await store.OfAsync(user)).FirstOrDefault(s => s.Id == sessionId) is { } ended
            ? InteractionReply.Private(MockCards.Summary(ended, bank, MockTracks.Find(ended.Track)))
            : StaleComponent.Reply();

    private async Task<(ulong? ThreadId, string Fallback)> OpenThreadAsync(InteractionContext context, CancellationToken ct)
    {
        // Commands run in servers only (the router answers DMs), so the channel's type and the bot's permissions decide.
        if (context.Interaction.Channel?.Type is not ChannelTypes.GuildText)
        {
            return (null, "I can open private threads only in text channels, and this channel is not one.");
        }
        if ((context.Interaction.AppPermissions ?? 0) is var granted && (granted & ThreadPermissions) != ThreadPermissions
            && (granted & DiscordPermissions.Administrator) == 0)
        {
            return (null, "I don't have the **Create Private Threads** and **Send Messages in Threads** permissions in this channel.");
        }
        try
        {
            var name = $"Mock interview · {context.User.GlobalName ?? context.User.Username}";
            var thread = await rest.StartThreadWithoutMessageAsync(context.ChannelId, new ThreadCreate
            {
                Name = name.Length <= 100 ? name : name[..100],
                Type = ChannelTypes.PrivateThread,
                Invitable = false,
                AutoArchiveDuration = ThreadArchiveMinutes,
            }, ct);
            await rest.AddThreadMemberAsync(thread.Id, context.User.Id, ct);
            return (thread.Id, "");
        }
        catch (DiscordApiException e)
        {
            Log.MockThreadRefused(logger, context.ChannelId, (int)e.Status, e.Code);
            return (null, $"Discord refused to open a private thread here ({e.DiscordMessage}).");
        }
    }

    private async Task PostAsync(MockSession session, MessagePayload message, CancellationToken ct)
    {
        var thread = session.ThreadId!.Value;
        try
        {
            await rest.CreateMessageAsync(thread, message, ct);
        }
        catch (DiscordApiException e)
        {
            // The session goes on (its state is stored); the member can still /mock stop for the summary.
            Log.MockPostFailed(logger, session.Id, thread, (int)e.Status, e.Code);
        }
    }

    private void Schedule(MockSession session)
    {
        var due = session.DeadlineAt - time.GetUtcNow();
        var (user, id, index) = (session.UserId, session.Id, session.Current);
        Unschedule(id);
        if (due <= TimeSpan.Zero)
        {
            // Ran out while the bot was stopped: end it now, once whoever holds the member's lock lets go.
            _ = Task.Run(() => TimedOutAsync(user, id, index));
            return;
        }
        _timers[id] = time.CreateTimer(_ => _ = Task.Run(() => TimedOutAsync(user, id, index)), null, due, Timeout.InfiniteTimeSpan);
    }

    private void Unschedule(string sessionId)
    {
        if (_timers.TryRemove(sessionId, out var timer))
        {
            timer.Dispose();
        }
    }

    private static string Where(MockSession session) => $" in <#{session.ThreadId ?? session.ChannelId}>";

    private async Task<Releaser> LockAsync(ulong user)
    {
        var gate = _locks.GetOrAdd(user, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        return new Releaser(gate);
    }

    private readonly struct Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
