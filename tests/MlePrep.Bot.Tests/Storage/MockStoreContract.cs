using MlePrep.Bot.MockInterviews;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>What every <see cref="IMockStore"/> adapter must do (the contract on the interface), through a subclass per adapter.</summary>
public abstract class MockStoreContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    protected abstract IMockStore Store { get; }

    /// <summary>A new adapter instance on the same storage.</summary>
    protected abstract IMockStore Reopen();

    private static MockSession Session(string id, ulong user = 2, DateTimeOffset? at = null, ulong? thread = 7)
    {
        var start = at ?? Start;
        return new MockSession(id, 1, user, 5, thread, "generalist", 20, start, MockStatus.Running, 0, start.AddMinutes(6),
            [new MockItem("Q1", start, null, MockOutcome.Pending, 0), MockItem.Pending("Q2"), MockItem.Pending("Q3")], null);
    }

    private static void AssertSame(MockSession expected, MockSession? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Items = [] }, actual with { Items = [] });
        Assert.Equal(expected.Items, actual.Items);
    }

    [Fact]
    public async Task A_started_session_reads_back_whole_after_a_reopen()
    {
        var session = Session("s1");
        Assert.True(await Store.StartAsync(session));

        var reopened = Reopen();
        AssertSame(session, await reopened.RunningOfAsync(2));
        AssertSame(session, Assert.Single(await reopened.RunningAsync()));
        Assert.Null(await reopened.RunningOfAsync(3));
    }

    [Fact]
    public async Task A_member_has_at_most_one_running_session_even_when_two_start_at_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () => await Store.StartAsync(Session($"s{i}")))));

        Assert.Equal(1, results.Count(r => r));
        Assert.Single(await Reopen().OfAsync(2));
        Assert.True(await Store.StartAsync(Session("other", user: 3)));
    }

    [Fact]
    public async Task Updates_move_a_running_session_on_and_once_it_ended_a_new_one_may_start()
    {
        var session = Session("s1");
        await Store.StartAsync(session);
        var moved = session with
        {
            Current = 1,
            DeadlineAt = Start.AddMinutes(10),
            Items = [new MockItem("Q1", Start, Start.AddMinutes(4), MockOutcome.Answered, 2), new MockItem("Q2", Start.AddMinutes(4), null, MockOutcome.Pending, 0), MockItem.Pending("Q3")],
        };
        Assert.True(await Store.UpdateAsync(moved, fromCurrent: 0));
        // A second change made from question 0 (a time box in another process) lost the race: nothing changes.
        Assert.False(await Store.UpdateAsync(moved with { Current = 1, DeadlineAt = Start.AddMinutes(12) }, fromCurrent: 0));
        AssertSame(moved, await Reopen().RunningOfAsync(2));

        var ended = moved with { Status = MockStatus.Stopped, EndedAt = Start.AddMinutes(5) };
        Assert.True(await Store.UpdateAsync(ended, fromCurrent: 1));
        Assert.Null(await Store.RunningOfAsync(2));
        Assert.Empty(await Store.RunningAsync());
        // An ended session is kept as it ended: a late update (a time box firing after the stop) changes nothing.
        Assert.False(await Store.UpdateAsync(moved with { Current = 2 }, fromCurrent: 1));
        AssertSame(ended, Assert.Single(await Reopen().OfAsync(2)));

        Assert.True(await Store.StartAsync(Session("s2", at: Start.AddHours(1))));
        Assert.Equal(["s2", "s1"], (await Store.OfAsync(2)).Select(s => s.Id));
    }

    [Fact]
    public async Task Deleting_a_members_sessions_removes_the_running_one_too_and_nobody_elses()
    {
        await Store.StartAsync(Session("a", thread: null));
        await Store.UpdateAsync(Session("a", thread: null) with { Status = MockStatus.Finished, EndedAt = Start.AddMinutes(20) }, fromCurrent: 0);
        await Store.StartAsync(Session("b", at: Start.AddHours(1)));
        await Store.StartAsync(Session("c", user: 3));

        Assert.Equal(2, await Store.DeleteAllOfAsync(2));

        var reopened = Reopen();
        Assert.Empty(await reopened.OfAsync(2));
        Assert.Null(await reopened.RunningOfAsync(2));
        Assert.NotNull(await reopened.RunningOfAsync(3));
        Assert.True(await reopened.StartAsync(Session("d")));
    }
}
