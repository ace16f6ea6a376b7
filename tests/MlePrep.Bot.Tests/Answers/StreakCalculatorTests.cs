using MlePrep.Bot.Answers;

namespace MlePrep.Bot.Tests.Answers;

public sealed class StreakCalculatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Occurrences posted daily at 09:00, day 0 first.</summary>
    private static List<OccurrenceView> Daily(int count) =>
        Enumerable.Range(0, count).Select(i => new OccurrenceView($"c:{i}", Start.AddDays(i))).ToList();

    /// <summary>Answers one hour after each listed occurrence was posted (inside its window).</summary>
    private static StreakState Run(List<OccurrenceView> posted, params int[] answered) =>
        StreakCalculator.Compute(posted, StreakCalculator.InWindow(posted, answered.Select(i => new AnswerTime(posted[i].Id, posted[i].PostedAt.AddHours(1)))));

    private static int[] Range(int from, int toExclusive) => Enumerable.Range(from, toExclusive - from).ToArray();

    [Fact]
    public void Consecutive_answers_build_the_streak()
    {
        var state = Run(Daily(5), 0, 1, 2, 3, 4);

        Assert.Equal((5, 5, 5), (state.Current, state.Best, state.Answered));
        Assert.All(state.Outcomes, o => Assert.Equal(OccurrenceOutcome.Answered, o.Outcome));
    }

    [Fact]
    public void A_miss_without_a_freeze_resets_the_current_streak_and_keeps_the_best()
    {
        var state = Run(Daily(6), 0, 1, 2, 4, 5);

        Assert.Equal(OccurrenceOutcome.Missed, state.Outcomes[3].Outcome);
        Assert.Equal((2, 3, 5), (state.Current, state.Best, state.Answered));
    }

    [Fact]
    public void A_miss_is_bridged_by_a_held_freeze_which_adds_nothing()
    {
        var state = Run(Daily(9), [.. Range(0, 7), 8]);

        Assert.True(state.Outcomes[6].FreezeEarned);
        Assert.Equal(OccurrenceOutcome.Frozen, state.Outcomes[7].Outcome);
        Assert.Equal(7, state.Outcomes[7].StreakAfter);
        Assert.Equal((8, 8, 0, 1), (state.Current, state.Best, state.FreezesHeld, state.FreezesUsed));
    }

    [Fact]
    public void Freezes_are_earned_at_7_and_14_and_capped_at_2()
    {
        var state = Run(Daily(21), Range(0, 21));

        Assert.Equal([6, 13], state.Outcomes.Select((o, i) => (o, i)).Where(x => x.o.FreezeEarned).Select(x => x.i));
        Assert.Equal(2, state.FreezesHeld);
    }

    [Fact]
    public void Two_freezes_bridge_two_misses_and_a_third_miss_resets()
    {
        // 14 answers earn 2 freezes; misses at 14 and 15 are bridged, 16 breaks the run.
        var bridged = Run(Daily(18), [.. Range(0, 14), 17]);

        Assert.Equal(
            [OccurrenceOutcome.Frozen, OccurrenceOutcome.Frozen, OccurrenceOutcome.Missed, OccurrenceOutcome.Answered],
            bridged.Outcomes.Skip(14).Select(o => o.Outcome));
        Assert.Equal((1, 14, 0, 2), (bridged.Current, bridged.Best, bridged.FreezesHeld, bridged.FreezesUsed));
    }

    [Fact]
    public void A_weekend_without_posts_does_not_break_a_weekday_streak_and_friday_stays_open_until_monday()
    {
        var friday = new OccurrenceView("c:fri", new DateTimeOffset(2026, 11, 6, 9, 0, 0, TimeSpan.Zero));
        var monday = new OccurrenceView("c:mon", new DateTimeOffset(2026, 11, 9, 9, 0, 0, TimeSpan.Zero));
        List<OccurrenceView> posted = [friday, monday];
        var sundayEvening = new DateTimeOffset(2026, 11, 8, 21, 0, 0, TimeSpan.Zero);

        var state = StreakCalculator.Compute(posted, StreakCalculator.InWindow(posted,
            [new AnswerTime(friday.Id, sundayEvening), new AnswerTime(monday.Id, monday.PostedAt.AddMinutes(5))]));

        Assert.Equal(2, state.Current);
    }

    [Fact]
    public void An_answer_after_the_next_post_is_late_and_does_not_count()
    {
        var posted = Daily(2);

        var inWindow = StreakCalculator.InWindow(posted, [new AnswerTime("c:0", posted[1].PostedAt.AddSeconds(1)), new AnswerTime("c:1", posted[1].PostedAt.AddHours(1))]);
        var state = StreakCalculator.Compute(posted, inWindow);

        Assert.Equal(["c:1"], inWindow.Keys);
        Assert.Equal(OccurrenceOutcome.Missed, state.Outcomes[0].Outcome);
        Assert.Equal(posted[1].PostedAt, state.Outcomes[0].ClosedAt);
        Assert.Equal(1, state.Current);
    }

    [Fact]
    public void A_resubmission_counts_once_and_by_its_first_time()
    {
        var posted = Daily(2);

        // The first answer was on time; editing it after the next post does not make it late or count twice.
        var state = StreakCalculator.Compute(posted, StreakCalculator.InWindow(posted,
        [
            new AnswerTime("c:0", posted[1].PostedAt.AddHours(2)),
            new AnswerTime("c:0", posted[0].PostedAt.AddHours(1)),
            new AnswerTime("c:1", posted[1].PostedAt.AddHours(1)),
        ]));

        Assert.Equal((2, 2), (state.Current, state.Answered));
    }

    [Fact]
    public void The_open_latest_occurrence_does_not_break_the_streak_until_the_next_post()
    {
        var open = Run(Daily(3), 0, 1);
        Assert.Equal(OccurrenceOutcome.Open, open.Outcomes[^1].Outcome);
        Assert.Null(open.Outcomes[^1].ClosedAt);
        Assert.Equal(2, open.Current);

        var closed = Run(Daily(4), 0, 1);
        Assert.Equal(OccurrenceOutcome.Missed, closed.Outcomes[2].Outcome);
        Assert.Equal(0, closed.Current);
    }
}
