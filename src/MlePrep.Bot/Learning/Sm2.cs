using MlePrep.Bot.Interactions;

namespace MlePrep.Bot.Learning;

/// <summary>Where a question stands in SM-2: successful reviews in a row, the easiness factor, and the current interval.</summary>
public sealed record Sm2State(int Repetitions, double Easiness, int IntervalDays)
{
    /// <summary>A question never graded.</summary>
    public static Sm2State New { get; } = new(0, Sm2.InitialEasiness, 0);
}

/// <summary>
/// The SuperMemo-2 scheduler (P. Woźniak, 1987), pure. A grade maps to SM-2's response quality q: Missed 1, Partly 3,
/// Nailed 5. For q ≥ 3 the interval is 1 day, then 6, then the previous interval × the easiness factor (EF) the
/// question had before this grade; for q &lt; 3 the repetitions restart at 1 day. After every grade
/// EF' = EF + 0.1 − (5 − q)(0.08 + 0.02(5 − q)), at least 1.3 (Nailed +0.10, Partly −0.14, Missed −0.54).
/// </summary>
/// <remarks>
/// Two choices SM-2 leaves open, fixed here: EF is kept to two decimals (so intervals are hand-checkable and never drift
/// through floating point), and intervals round half away from zero. One deviation: intervals stop at
/// <see cref="MaxIntervalDays"/>, since exponential growth would otherwise pass any date a calendar can hold after a few
/// dozen perfect reviews, and an interview season is shorter than a year. A late review counts from when it happens:
/// the next interval grows from the scheduled one, not from the gap.
/// </remarks>
public static class Sm2
{
    public const double InitialEasiness = 2.5;

    public const double MinEasiness = 1.3;

    public const int MaxIntervalDays = 365;

    public static int Quality(Grade grade) => grade switch
    {
        Grade.Nailed => 5,
        Grade.Partly => 3,
        _ => 1,
    };

    public static Sm2State Next(Sm2State state, Grade grade)
    {
        var q = Quality(grade);
        var easiness = Math.Max(MinEasiness, Math.Round(state.Easiness + 0.1 - (5 - q) * (0.08 + 0.02 * (5 - q)), 2, MidpointRounding.AwayFromZero));
        if (q < 3)
        {
            return new Sm2State(0, easiness, 1);
        }
        var interval = state.Repetitions switch
        {
            0 => 1,
            1 => 6,
            _ => (int)Math.Min(MaxIntervalDays, Math.Round(state.IntervalDays * state.Easiness, MidpointRounding.AwayFromZero)),
        };
        return new Sm2State(state.Repetitions + 1, easiness, Math.Min(interval, MaxIntervalDays));
    }
}
