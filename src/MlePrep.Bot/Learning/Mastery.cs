using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Learning;

/// <summary>
/// A member's standing in one topic. <see cref="Seen"/>: questions of the topic they answered, took hints on or graded.
/// The shares count each graded question once, by its latest grade.
/// </summary>
public sealed record TopicMastery(string Topic, int Seen, int Nailed, int Partly, int Missed)
{
    public int Graded => Nailed + Partly + Missed;

    /// <summary>
    /// 0–100: 100 × (Nailed + ½ Partly) / (Graded + 1). The +1 is one imagined Missed, so that confidence has to be
    /// earned: one Nailed reads 50, two 67, five 83, and a topic never graded 0.
    /// </summary>
    public int Score => (int)Math.Round(100.0 * (Nailed + 0.5 * Partly) / (Graded + 1), MidpointRounding.AwayFromZero);
}

public static class Mastery
{
    /// <summary>
    /// Per topic of the bank that the member has seen: their mastery, weakest first (lowest score; then more Missed; then
    /// by name). Questions no longer in the bank are left out.
    /// </summary>
    public static IReadOnlyList<TopicMastery> Of(QuestionBank bank, IEnumerable<GradeEntry> grades, IEnumerable<string> seenQuestionIds)
    {
        var latest = grades.GroupBy(g => g.QuestionId).ToDictionary(g => g.Key, g => g.MaxBy(e => e.At)!.Grade, StringComparer.Ordinal);
        var seen = seenQuestionIds.Concat(latest.Keys).Distinct(StringComparer.Ordinal).Select(bank.Find).OfType<Question>().ToList();
        return seen
            .SelectMany(q => q.Topics.Select(topic => (Topic: topic, Grade: latest.TryGetValue(q.Id, out var g) ? g : (Grade?)null)))
            .GroupBy(x => x.Topic, StringComparer.Ordinal)
            .Select(t => new TopicMastery(t.Key, t.Count(), t.Count(x => x.Grade == Grade.Nailed), t.Count(x => x.Grade == Grade.Partly), t.Count(x => x.Grade == Grade.Missed)))
            .OrderBy(m => m.Score).ThenByDescending(m => m.Missed).ThenBy(m => m.Topic, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The weakest topic with at least one graded question, or null.</summary>
    public static string? Weakest(IEnumerable<TopicMastery> topics) => topics.FirstOrDefault(t => t.Graded > 0)?.Topic;
}
