using MlePrep.Bot.Interactions;
using MlePrep.Bot.Learning;

namespace MlePrep.Bot.Tests.Learning;

/// <summary>SM-2 intervals and easiness, computed by hand from the formulas in <see cref="Sm2"/>'s summary.</summary>
public sealed class Sm2Tests
{
    private static IReadOnlyList<Sm2State> Run(params Grade[] grades)
    {
        var states = new List<Sm2State>();
        var state = Sm2State.New;
        foreach (var grade in grades)
        {
            state = Sm2.Next(state, grade);
            states.Add(state);
        }
        return states;
    }

    [Fact]
    public void Nailed_every_time_grows_1_6_then_by_the_easiness_before_each_grade()
    {
        // EF 2.5 → 2.6 → 2.7 → 2.8 → 2.9 → 3.0; intervals 1, 6, 6×2.7 = 16.2 → 16, 16×2.8 = 44.8 → 45, 45×2.9 = 130.5 → 131.
        var states = Run(Grade.Nailed, Grade.Nailed, Grade.Nailed, Grade.Nailed, Grade.Nailed);

        Assert.Equal([1, 6, 16, 45, 131], states.Select(s => s.IntervalDays));
        Assert.Equal([2.6, 2.7, 2.8, 2.9, 3.0], states.Select(s => s.Easiness));
        Assert.Equal([1, 2, 3, 4, 5], states.Select(s => s.Repetitions));
    }

    [Fact]
    public void Partly_counts_as_recalled_with_difficulty_and_lowers_the_easiness()
    {
        // q = 3: EF − 0.14 each time: 2.36, 2.22, 2.08; intervals 1, 6, 6×2.22 = 13.32 → 13.
        var states = Run(Grade.Partly, Grade.Partly, Grade.Partly);

        Assert.Equal([1, 6, 13], states.Select(s => s.IntervalDays));
        Assert.Equal([2.36, 2.22, 2.08], states.Select(s => s.Easiness));
    }

    [Fact]
    public void Missed_brings_it_back_tomorrow_and_restarts_the_repetitions_with_a_lower_easiness()
    {
        // N, N: 1, 6 (EF 2.7); M: 1 day, EF 2.7 − 0.54 = 2.16; then N, N, N: 1, 6, 6×2.36 = 14.16 → 14 (EF 2.26, 2.36, 2.46).
        var states = Run(Grade.Nailed, Grade.Nailed, Grade.Missed, Grade.Nailed, Grade.Nailed, Grade.Nailed);

        Assert.Equal([1, 6, 1, 1, 6, 14], states.Select(s => s.IntervalDays));
        Assert.Equal([2.6, 2.7, 2.16, 2.26, 2.36, 2.46], states.Select(s => s.Easiness));
        Assert.Equal([1, 2, 0, 1, 2, 3], states.Select(s => s.Repetitions));
    }

    [Fact]
    public void The_easiness_never_falls_below_1_3()
    {
        // 2.5 − 0.54 = 1.96, 1.42, then 0.88 is held at 1.3.
        Assert.Equal([1.96, 1.42, 1.3, 1.3], Run(Grade.Missed, Grade.Missed, Grade.Missed, Grade.Missed).Select(s => s.Easiness));
    }

    [Fact]
    public void An_interval_of_exactly_half_a_day_rounds_up()
    {
        Assert.Equal(14, Sm2.Next(new Sm2State(2, 2.25, 6), Grade.Nailed).IntervalDays); // 6 × 2.25 = 13.5
    }

    [Fact]
    public void Intervals_stop_at_a_year_however_often_it_is_nailed()
    {
        // …131, then 131×3.0 = 393 → 365, and 365 from then on.
        var states = Run(Enumerable.Repeat(Grade.Nailed, 200).ToArray());

        Assert.Equal([1, 6, 16, 45, 131, 365, 365], states.Take(7).Select(s => s.IntervalDays));
        Assert.All(states, s => Assert.InRange(s.IntervalDays, 1, Sm2.MaxIntervalDays));
    }
}

/// <summary>Due dates: whole days after the grade, in UTC, whenever the grade comes.</summary>
public sealed class ReviewCardTests
{
    private static GradeEntry Grade_(Grade grade, DateTimeOffset at) => new(7, "Q1", grade, 0, 0, at);

    [Fact]
    public void A_first_nailed_grade_on_28_february_of_a_leap_year_is_due_on_the_29th()
    {
        var at = new DateTimeOffset(2028, 2, 28, 12, 0, 0, TimeSpan.Zero);

        var card = ReviewCard.After(null, Grade_(Grade.Nailed, at));

        Assert.Equal(new DateTimeOffset(2028, 2, 29, 12, 0, 0, TimeSpan.Zero), card.DueAt);
        Assert.Equal((Grade.Nailed, 1), (card.LastGrade, card.Reviews));
    }

    [Theory]
    [InlineData(2028, 3, 1)] // 24 February + 6 days passes 29 February
    [InlineData(2027, 3, 2)]
    public void Six_days_from_24_february_count_the_leap_day(int year, int month, int day)
    {
        var first = ReviewCard.After(null, Grade_(Grade.Nailed, new DateTimeOffset(year, 2, 23, 8, 0, 0, TimeSpan.Zero)));

        var second = ReviewCard.After(first, Grade_(Grade.Nailed, new DateTimeOffset(year, 2, 24, 8, 0, 0, TimeSpan.Zero)));

        Assert.Equal(new DateTimeOffset(year, month, day, 8, 0, 0, TimeSpan.Zero), second.DueAt);
    }

    [Fact]
    public void A_review_a_year_late_grows_the_scheduled_interval_and_counts_from_the_review()
    {
        var card = new ReviewCard(7, "Q1", Grade.Nailed, new Sm2State(2, 2.7, 6), 2,
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 7, 0, 0, 0, TimeSpan.Zero));
        var late = new DateTimeOffset(2027, 3, 1, 18, 30, 0, TimeSpan.Zero);

        var nailed = ReviewCard.After(card, Grade_(Grade.Nailed, late));
        var missed = ReviewCard.After(card, Grade_(Grade.Missed, late));

        Assert.Equal(late.AddDays(16), nailed.DueAt); // 6 × 2.7 = 16.2 → 16, from the review, not from the due date
        Assert.Equal(late.AddDays(1), missed.DueAt);
        Assert.Equal(3, nailed.Reviews);
    }

    [Fact]
    public void Decades_of_nailed_reviews_keep_due_dates_a_calendar_can_hold()
    {
        var at = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        ReviewCard? card = null;
        for (var i = 0; i < 60; i++)
        {
            card = ReviewCard.After(card, Grade_(Grade.Nailed, at));
            at = card.DueAt;
        }

        Assert.Equal(card!.GradedAt.AddDays(365), card.DueAt);
    }
}
