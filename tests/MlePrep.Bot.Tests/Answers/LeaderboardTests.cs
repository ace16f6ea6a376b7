using MlePrep.Bot.Answers;
using MlePrep.Bot.Interactions;
using MlePrep.Discord.Interactions;

namespace MlePrep.Bot.Tests.Answers;

public sealed class LeaderboardTests
{
    private readonly StreakFixture _f = new();

    private InteractionReply Run(ulong caller = TestData.UserId, string? sort = null, ulong? channel = null)
    {
        var options = new List<CommandOptionValue>();
        if (sort is not null)
        {
            options.Add(new CommandOptionValue { Name = "sort", Type = CommandOptionType.String, Value = System.Text.Json.JsonSerializer.SerializeToElement(sort) });
        }
        if (channel is { } id)
        {
            options.Add(new CommandOptionValue { Name = "channel", Type = CommandOptionType.Channel, Value = System.Text.Json.JsonSerializer.SerializeToElement(id.ToString()) });
        }
        var interaction = StreakFixture.As(TestData.Interaction(InteractionType.ApplicationCommand, new InteractionData { Name = "leaderboard", Type = 1, Options = options }), caller);
        return new LeaderboardCommand(_f.Ledger, _f.Streaks, _f.Helpful, _f.Time).ExecuteAsync(new InteractionContext(interaction), default).AsTask().Result;
    }

    [Fact]
    public void Ranks_by_value_then_by_who_reached_it_first_with_the_callers_rank_outside_the_top_10()
    {
        var t = StreakFixture.Start;
        var standings = Enumerable.Range(1, 12).Select(i => new Standing((ulong)i, 20 - i, t))
            .Append(new Standing(100, 5, t.AddHours(2)))
            .Append(new Standing(101, 5, t.AddHours(1)))
            .Append(new Standing(102, 0, t));

        var board = Leaderboard.Rank(standings, callerId: 100);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (ulong)i), board.Top.Select(e => e.Standing.UserId));
        Assert.Equal((14, 100UL), (board.Caller!.Rank, board.Caller.Standing.UserId));
        Assert.Null(Leaderboard.Rank(standings, callerId: 3).Caller);
        Assert.Null(Leaderboard.Rank(standings, callerId: 102).Caller);
    }

    [Fact]
    public void A_ranking_gives_every_member_the_rank_that_sorting_everyone_gives()
    {
        var random = new Random(5);
        var t = StreakFixture.Start;
        // Many ties in value and in time, ids in no order, some members without a value.
        var standings = Enumerable.Range(0, 3_000).Select(_ => (ulong)random.NextInt64(1, long.MaxValue)).Distinct()
            .Select(id => new Standing(id, random.Next(0, 6), t.AddMinutes(random.Next(0, 4)))).ToList();
        var sorted = standings.Where(s => s.Value > 0).OrderByDescending(s => s.Value).ThenBy(s => s.ReachedAt).ThenBy(s => s.UserId).ToList();

        var ranking = new Ranking(standings);

        Assert.Equal(sorted.Take(Leaderboard.Size), ranking.For(0).Top.Select(e => e.Standing));
        Assert.Equal(Enumerable.Range(1, Leaderboard.Size), ranking.For(0).Top.Select(e => e.Rank));
        foreach (var (standing, rank) in sorted.Select((s, i) => (s, i + 1)).Skip(Leaderboard.Size))
        {
            Assert.Equal(new BoardEntry(rank, standing), ranking.For(standing.UserId).Caller);
        }
        Assert.All(standings.Where(s => s.Value == 0), s => Assert.Null(ranking.For(s.UserId).Caller));
        Assert.Null(ranking.For(0).Caller);
    }

    [Fact]
    public void The_board_ranks_current_streaks_breaks_ties_by_who_got_there_first_and_sorts_by_best()
    {
        _f.AddSchedule();
        var posted = Enumerable.Range(0, 4).Select(i => _f.Post(StreakFixture.Start.AddDays(i))).ToList();
        foreach (var o in posted)
        {
            _f.Answer(o, 2, o.PostedAt!.Value.AddHours(2));
            _f.Answer(o, 1, o.PostedAt!.Value.AddHours(3));
        }
        foreach (var o in posted.Take(3))
        {
            _f.Answer(o, 3, o.PostedAt!.Value.AddHours(1)); // best 3, but the open latest post is not answered yet
        }
        _f.Answer(posted[0], 4, posted[0].PostedAt!.Value.AddHours(1));

        var current = Run(caller: 4);
        var text = current.Message!.Content!;

        Assert.False(current.Ephemeral);
        Assert.Null(current.Message.AllowedMentions);
        Assert.Contains("1. <@2> · **4**\n2. <@1> · **4**\n3. <@3> · **3**\n", text);
        Assert.Contains("You are not on this board yet.", text);

        var best = Run(caller: 4, sort: "best").Message!.Content!;
        Assert.Contains("best streak", best);
        Assert.Contains("4. <@4> · **1** (you)", best);
    }

    [Fact]
    public async Task A_kept_board_follows_every_new_answer_new_post_and_deletion()
    {
        _f.AddSchedule();
        var first = _f.Post(StreakFixture.Start);
        _f.Answer(first, 1, first.PostedAt!.Value.AddHours(1));
        Assert.Contains("1. <@1> · **1**", Run().Message!.Content);

        _f.Answer(first, 2, first.PostedAt!.Value.AddMinutes(30));
        Assert.Contains("1. <@2> · **1**\n2. <@1> · **1**", Run().Message!.Content);

        // A new post that only member 1 answers: member 2's open streak still counts, member 1 gets ahead.
        var second = _f.Post(StreakFixture.Start.AddDays(1));
        _f.Answer(second, 1, second.PostedAt!.Value.AddHours(1));
        Assert.Contains("1. <@1> · **2**\n2. <@2> · **1**", Run().Message!.Content);

        await _f.Answers.DeleteAllOfAsync(1);
        Assert.DoesNotContain("<@1>", Run().Message!.Content);
    }

    [Fact]
    public async Task The_month_board_counts_answers_in_the_schedules_zone()
    {
        // 12:00Z on 30 November is 01:00 on 1 December in Auckland (UTC+13): a new season there, not in UTC.
        var schedule = _f.AddSchedule(zone: "Pacific/Auckland");
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var earlier = _f.Post(now.AddDays(-1));
        var latest = _f.Post(now.AddHours(-2));
        _f.Answer(earlier, 1, now.AddHours(-5));      // 30 Nov 20:00 local
        _f.Answer(latest, 1, now.AddMinutes(-30));    //  1 Dec 00:30 local
        _f.Answer(latest, 2, now.AddMinutes(-90));    // 30 Nov 23:30 local
        _f.Time.SetUtcNow(now);

        var standings = await _f.Streaks.StandingsAsync(schedule, BoardSort.Month, now);
        var text = Run(caller: 1, sort: "month").Message!.Content!;

        Assert.Equal([new Standing(1, 1, now.AddMinutes(-30))], standings);
        Assert.Contains("answers in December 2026", text);
        Assert.DoesNotContain("<@2>", text);
    }

    [Fact]
    public void The_channel_defaults_to_the_invoking_one_and_an_unscheduled_channel_or_server_is_explained()
    {
        Assert.Contains("/daily set", Run().Message!.Content);

        _f.AddSchedule(channelId: 555);
        _f.AddSchedule();
        Assert.Contains($"<#{TestData.ChannelId}>", Run().Message!.Content);

        var refused = Run(channel: 777);
        Assert.True(refused.Ephemeral);
        Assert.Contains("<#777> has no daily question", refused.Message!.Content);
        Assert.Contains("<#555>", Run(channel: 555).Message!.Content);
    }
}
