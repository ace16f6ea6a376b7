using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Daily;

/// <summary>
/// Each daily channel works through its own shuffled order of the bank (filtered by its category), so no question
/// repeats there until all have been used. Questions added to the bank join the unused part; removed ones are skipped.
/// </summary>
public static class QuestionRotation
{
    /// <summary>Takes the next question; returns it with the schedule whose rotation advanced past it (the caller saves it).</summary>
    public static (Question Question, DailySchedule Schedule) Next(DailySchedule schedule, QuestionBank bank, Random random)
    {
        var eligible = bank.Filter(new QuestionFilter(Category: schedule.Category));
        if (eligible.Count == 0)
        {
            throw new InvalidOperationException($"No question in the bank has category '{schedule.Category}'.");
        }
        var rotation = schedule.Rotation.ToList();
        var index = schedule.RotationIndex;
        var known = rotation.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var added in eligible.Where(q => !known.Contains(q.Id)))
        {
            // A new question goes somewhere in the part not yet used, so it is met this round.
            rotation.Insert(random.Next(index, rotation.Count + 1), added.Id);
        }
        for (var round = 0; round < 2; round++)
        {
            while (index < rotation.Count)
            {
                var id = rotation[index++];
                if (bank.Find(id) is { } question && eligible.Contains(question))
                {
                    return (question, schedule with { Rotation = rotation, RotationIndex = index });
                }
            }
            rotation = eligible.Select(q => q.Id).OrderBy(_ => random.Next()).ToList();
            index = 0;
        }
        throw new InvalidOperationException("The rotation could not produce a question.");
    }
}
