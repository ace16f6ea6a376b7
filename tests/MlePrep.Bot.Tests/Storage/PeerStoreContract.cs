using MlePrep.Bot.PeerAnswers;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>What every <see cref="IPeerStore"/> adapter must do (the contract on the interface), through a subclass per adapter.</summary>
public abstract class PeerStoreContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private const string Occurrence = "5:2026-11-30";

    protected abstract IPeerStore Store { get; }

    /// <summary>A new adapter instance on the same storage.</summary>
    protected abstract IPeerStore Reopen();

    private static PeerShare Share(ulong user, string occurrence = Occurrence, ulong channel = 5) =>
        new(occurrence, 1, channel, user, $"1:{user}:{occurrence}", Start.AddMinutes(user));

    private static PeerVote Vote(ulong author, ulong voter, DateTimeOffset? at = null, string occurrence = Occurrence) =>
        new(occurrence, author, voter, 1, 5, at ?? Start.AddHours(5));

    [Fact]
    public async Task A_member_shares_an_answer_once_even_when_two_processes_share_at_once_and_it_reads_back_after_a_reopen()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await Store.ShareAsync(Share(2)))));

        Assert.Equal(1, results.Count(r => r));
        Assert.True(await Store.ShareAsync(Share(3)));
        var reopened = Reopen();
        Assert.Equal(Share(2), await reopened.ShareOfAsync(Occurrence, 2));
        Assert.Equal([Share(2), Share(3)], await reopened.SharesOfAsync(Occurrence));
        Assert.Null(await reopened.ShareOfAsync(Occurrence, 4));
    }

    [Fact]
    public async Task A_share_is_withdrawn_only_before_its_reveal_message_which_is_recorded_once()
    {
        await Store.ShareAsync(Share(2));
        await Store.ShareAsync(Share(3));

        Assert.True(await Store.WithdrawAsync(Occurrence, 2));
        Assert.False(await Store.WithdrawAsync(Occurrence, 2));
        Assert.True(await Store.MarkRevealedAsync(Occurrence, 3, 900, Start.AddDays(1)));
        Assert.False(await Store.MarkRevealedAsync(Occurrence, 3, 901, Start.AddDays(1)));
        Assert.False(await Store.WithdrawAsync(Occurrence, 3));

        var revealed = await Reopen().ShareOfAsync(Occurrence, 3);
        Assert.Equal(Share(3) with { MessageId = 900, RevealedAt = Start.AddDays(1) }, revealed);
        Assert.Null(await Store.ShareOfAsync(Occurrence, 2));
    }

    [Fact]
    public async Task A_reveal_is_claimed_exactly_once_keeps_its_first_place_and_leaves_the_unsettled_list_once_completed_and_closed()
    {
        await Store.ShareAsync(Share(2));
        await Store.ShareAsync(Share(9, "6:2026-11-30", channel: 6));
        var reveal = new PeerReveal(Occurrence, 1, 5, Start.AddDays(1));

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await Store.ClaimRevealAsync(reveal))));

        Assert.Equal(1, claims.Count(c => c.Claimed));
        Assert.All(claims, c => Assert.Equal(reveal, c.Reveal));
        Assert.Equal(77UL, (await Store.PlaceRevealAsync(Occurrence, 77)).PlaceId);
        Assert.Equal(77UL, (await Store.PlaceRevealAsync(Occurrence, 78)).PlaceId);
        Assert.Equal([new PeerOccurrence(Occurrence, 5)], await Store.UnsettledAsync(5));
        Assert.Equal(2, (await Store.UnsettledAsync(null)).Count);

        await Store.MarkRevealedAsync(Occurrence, 2, 900, Start.AddDays(1));
        await Store.CompleteRevealAsync(Occurrence, Start.AddDays(1));
        Assert.Equal([new PeerOccurrence(Occurrence, 5)], await Store.UnsettledAsync(5)); // completed, not closed
        Assert.True(await Store.CloseRevealAsync(Occurrence, 2, Start.AddDays(2)));
        Assert.False(await Store.CloseRevealAsync(Occurrence, 3, Start.AddDays(2)));

        Assert.Empty(await Reopen().UnsettledAsync(5));
        Assert.Equal(reveal with { PlaceId = 77, CompletedAt = Start.AddDays(1), ClosedAt = Start.AddDays(2), TopUserId = 2 }, await Store.RevealOfAsync(Occurrence));
    }

    [Fact]
    public async Task Votes_toggle_count_once_per_voter_fall_in_their_month_and_hiding_an_answer_deletes_its_votes()
    {
        await Store.ShareAsync(Share(2));
        await Store.MarkRevealedAsync(Occurrence, 2, 900, Start.AddDays(1));

        Assert.True(await Store.ToggleVoteAsync(Vote(2, 3)));
        Assert.True(await Store.ToggleVoteAsync(Vote(2, 4)));
        Assert.True(await Store.ToggleVoteAsync(Vote(3, 4)));
        Assert.False(await Store.ToggleVoteAsync(Vote(2, 4)));
        Assert.True(await Store.ToggleVoteAsync(Vote(2, 5, Start.AddDays(40))));

        Assert.Equal(new Dictionary<ulong, int> { [2] = 2, [3] = 1 }, await Reopen().VoteCountsAsync(Occurrence));
        var november = await Store.VotesInAsync(5, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal([(2UL, 3UL), (3UL, 4UL)], november.Select(v => (v.AuthorId, v.VoterId)).Order());
        Assert.Empty(await Store.VotesInAsync(6, Start.AddDays(-30), Start.AddDays(60)));

        Assert.True(await Store.HideAsync(Occurrence, 2, 99, Start.AddDays(1)));
        Assert.False(await Store.HideAsync(Occurrence, 2, 99, Start.AddDays(1)));
        Assert.False(await Store.HideAsync(Occurrence, 3, 99, Start.AddDays(1))); // not shared, nothing to hide
        Assert.Equal(99UL, (await Store.ShareOfAsync(Occurrence, 2))!.HiddenBy);
        Assert.Equal(new Dictionary<ulong, int> { [3] = 1 }, await Store.VoteCountsAsync(Occurrence));
    }

    [Fact]
    public async Task Deleting_a_member_deletes_their_shares_the_votes_on_them_and_the_votes_they_cast()
    {
        await Store.ShareAsync(Share(2));
        await Store.ShareAsync(Share(3));
        await Store.ToggleVoteAsync(Vote(2, 3));
        await Store.ToggleVoteAsync(Vote(3, 2));
        await Store.ToggleVoteAsync(Vote(3, 4));

        Assert.Equal([Share(2)], await Store.SharesByAsync(2));
        Assert.Equal([Vote(3, 2)], await Store.VotesByAsync(2));
        var (shares, votes) = await Store.DeleteAllOfAsync(2);

        Assert.Equal([Share(2)], shares);
        Assert.Equal(1, votes);
        var reopened = Reopen();
        Assert.Empty(await reopened.SharesByAsync(2));
        Assert.Empty(await reopened.VotesByAsync(2));
        Assert.Equal([Share(3)], await reopened.SharesOfAsync(Occurrence));
        Assert.Equal(new Dictionary<ulong, int> { [3] = 1 }, await reopened.VoteCountsAsync(Occurrence));
    }
}
