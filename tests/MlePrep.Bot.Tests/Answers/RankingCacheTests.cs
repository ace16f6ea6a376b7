using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;

namespace MlePrep.Bot.Tests.Answers;

public sealed class RankingCacheTests
{
    private readonly StreakFixture _f = new();

    [Fact]
    public async Task Callers_asking_at_once_for_a_board_nobody_has_derived_share_one_derivation()
    {
        var cache = new RankingCache<string, long, object>(capacity: 4);
        var derivations = 0;
        var release = new TaskCompletionSource();
        const int Callers = 8;
        // Every caller is past the barrier before the one derivation may finish.
        using var barrier = new Barrier(Callers, _ => Task.Delay(100).ContinueWith(_ => release.TrySetResult()));

        var results = await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(() =>
        {
            barrier.SignalAndWait();
            return cache.GetOrAddAsync("board", 1, async () =>
            {
                Interlocked.Increment(ref derivations);
                await release.Task;
                return new object();
            });
        })));

        Assert.Equal(1, derivations);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public async Task A_new_version_derives_again_and_the_least_recently_used_key_goes_past_the_capacity()
    {
        var cache = new RankingCache<string, long, string>(capacity: 2);
        var derived = new List<string>();
        Task<string> Get(string key, long version) => cache.GetOrAddAsync(key, version, () =>
        {
            derived.Add($"{key}@{version}");
            return Task.FromResult($"{key}@{version}");
        });

        await Get("a", 1);
        await Get("b", 1);
        await Get("a", 1);
        Assert.Equal("a@2", await Get("a", 2));
        await Get("c", 1);
        await Get("a", 2);
        await Get("b", 1);

        Assert.Equal(["a@1", "b@1", "a@2", "c@1", "b@1"], derived);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task A_failed_derivation_is_not_kept()
    {
        var cache = new RankingCache<string, long, string>(capacity: 2);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrAddAsync("a", 1, () => throw new InvalidOperationException("database failed")));

        Assert.Equal("fresh", await cache.GetOrAddAsync("a", 1, () => Task.FromResult("fresh")));
    }

    [Fact]
    public async Task Boards_of_many_channels_keep_at_most_the_bound()
    {
        for (var channel = 1UL; channel <= StreakService.MaxKeptRankings + 20; channel++)
        {
            await _f.Streaks.BoardAsync(new DailySchedule { ChannelId = channel, GuildId = TestData.GuildId }, BoardSort.Best, _f.Time.GetUtcNow(), TestData.UserId);
        }

        Assert.Equal(StreakService.MaxKeptRankings, _f.Streaks.KeptRankings);
    }

    [Fact]
    public async Task Re_submitting_an_answer_keeps_the_board_while_a_new_answer_changes_it()
    {
        var schedule = _f.AddSchedule();
        var today = _f.Post(StreakFixture.Start);
        _f.Time.SetUtcNow(StreakFixture.Start.AddHours(1));
        _f.Submit($"answerm:T1:{today.Id}", StreakFixture.LongText("first"), userId: 1);
        var before = await _f.Answers.RankingVersionAsync(TestData.ChannelId);
        var board = await _f.Streaks.BoardAsync(schedule, BoardSort.Current, _f.Time.GetUtcNow(), 1);

        _f.Submit($"answerm:T1:{today.Id}", StreakFixture.LongText("edited"), userId: 1);
        Assert.Equal(before, await _f.Answers.RankingVersionAsync(TestData.ChannelId));
        Assert.Equal(board.Top, (await _f.Streaks.BoardAsync(schedule, BoardSort.Current, _f.Time.GetUtcNow(), 1)).Top);

        _f.Submit($"answerm:T1:{today.Id}", StreakFixture.LongText("second member"), userId: 2);
        Assert.NotEqual(before, await _f.Answers.RankingVersionAsync(TestData.ChannelId));
        Assert.Equal([1UL, 2UL], (await _f.Streaks.BoardAsync(schedule, BoardSort.Current, _f.Time.GetUtcNow(), 1)).Top.Select(e => e.Standing.UserId));
    }

    [Fact]
    public async Task Standings_come_from_the_answers_without_their_text()
    {
        _f.AddSchedule();
        var today = _f.Post(StreakFixture.Start);
        _f.Answer(today, 7, StreakFixture.Start.AddMinutes(5));

        var stamp = Assert.Single(await _f.Answers.DailyInAsync(TestData.ChannelId));

        Assert.Equal(new AnswerStamp(7, today.Id, StreakFixture.Start.AddMinutes(5)), stamp);
    }
}
