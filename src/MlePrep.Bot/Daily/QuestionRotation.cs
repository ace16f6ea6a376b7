using MlePrep.Bot.Questions;
using MlePrep.Bot.Scheduling;

namespace MlePrep.Bot.Daily;

/// <summary>
/// Each daily channel works through its own shuffled order of the bank (filtered by its category), so no question
/// repeats there until all have been used. Questions added to the bank join the unused part; removed ones are skipped.
/// </summary>
public static class QuestionRotation
{
    /// <summary>Takes the next question and advances the schedule's rotation (the caller saves the schedule).</summary>
    public static Question Next(DailySchedule schedule, QuestionBank bank, Random random)
    {
        var eligible = bank.Filter(new QuestionFilter(Category: schedule.Category));
        if (eligible.Count == 0)
        {
            throw new InvalidOperationException($"No question in the bank has category '{schedule.Category}'.");
        }
        var known = schedule.Rotation.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var added in eligible.Where(q => !known.Contains(q.Id)))
        {
            // A new question goes somewhere in the part not yet used, so it is met this round.
            schedule.Rotation.Insert(random.Next(schedule.RotationIndex, schedule.Rotation.Count + 1), added.Id);
        }
        for (var round = 0; round < 2; round++)
        {
            while (schedule.RotationIndex < schedule.Rotation.Count)
            {
                var id = schedule.Rotation[schedule.RotationIndex++];
                if (bank.Find(id) is { } question && eligible.Contains(question))
                {
                    return question;
                }
            }
            schedule.Rotation = eligible.Select(q => q.Id).OrderBy(_ => random.Next()).ToList();
            schedule.RotationIndex = 0;
        }
        throw new InvalidOperationException("The rotation could not produce a question.");
    }
}
