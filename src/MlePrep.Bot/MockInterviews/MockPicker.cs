using MlePrep.Bot.Answers;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.MockInterviews;

/// <summary>
/// Picks a session's questions from its track's slots: each slot's category or topic, its difficulty when it can, and never
/// what the member saw in the last <see cref="RecentDays"/> days (answered, hinted, or asked in a mock) while anything else fits.
/// </summary>
public sealed class MockPicker(QuestionBank bank, IAnswerStore answers, IPracticeStore practice, IMockStore sessions, Random random)
{
    public const int RecentDays = 30;

    /// <summary>The questions, in slot order; shorter than asked when the bank has too few questions for the track.</summary>
    public async ValueTask<IReadOnlyList<Question>> PickAsync(ulong userId, MockTrack track, int count, DateTimeOffset now)
    {
        var since = now.AddDays(-RecentDays);
        var seen = (await answers.OfAsync(userId)).Where(a => a.UpdatedAt >= since).Select(a => a.QuestionId)
            .Concat((await practice.RevealsOfAsync(userId)).Where(r => r.LastRevealedAt >= since).Select(r => r.QuestionId))
            .Concat((await sessions.OfAsync(userId)).Where(s => s.StartedAt >= since).SelectMany(s => s.Items.Select(i => i.QuestionId)))
            .ToHashSet(StringComparer.Ordinal);
        var picked = new List<Question>(count);
        foreach (var slot in track.Slots.Take(count))
        {
            var fits = bank.Filter(new QuestionFilter(slot.Category, Topic: slot.Topic)).Where(q => !picked.Contains(q)).ToArray();
            // Unseen at the slot's difficulty, then unseen at any, then seen at the slot's difficulty, then anything the slot allows.
            Question[][] tiers =
            [
                fits.Where(q => !seen.Contains(q.Id) && q.Difficulty == slot.Difficulty).ToArray(),
                fits.Where(q => !seen.Contains(q.Id)).ToArray(),
                fits.Where(q => q.Difficulty == slot.Difficulty).ToArray(),
                fits,
            ];
            if (tiers.FirstOrDefault(t => t.Length > 0) is { } pool)
            {
                picked.Add(pool[random.Next(pool.Length)]);
            }
        }
        return picked;
    }
}
