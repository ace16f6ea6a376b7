using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Practice;

/// <summary>
/// Picks a random question for a channel, avoiding the ones shown there most recently: questions never shown
/// come first; once every candidate has been shown, the pick comes from the half shown longest ago.
/// </summary>
public sealed class QuestionPicker(IPracticeStore store, TimeProvider time, Random random)
{
    public async ValueTask<Question> PickAsync(ulong channelId, IReadOnlyList<Question> candidates)
    {
        ArgumentOutOfRangeException.ThrowIfZero(candidates.Count);
        var shown = await store.ShownInAsync(channelId);
        var fresh = candidates.Where(q => !shown.ContainsKey(q.Id)).ToArray();
        var pool = fresh.Length > 0
            ? fresh
            : candidates.OrderBy(q => shown[q.Id]).Take((candidates.Count + 1) / 2).ToArray();
        var pick = pool[random.Next(pool.Length)];
        await store.RecordShownAsync(channelId, pick.Id, time.GetUtcNow());
        return pick;
    }
}
