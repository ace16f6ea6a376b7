using MlePrep.Bot.Answers;

namespace MlePrep.Bot.PeerAnswers;

/// <summary>Helpful votes per member for the board: the 👍 their shared answers got this month (ties to whoever got there first).</summary>
public sealed class PeerBoard(IPeerStore store) : IHelpfulVotes
{
    public async ValueTask<IReadOnlyList<Standing>> ReceivedAsync(ulong channelId, DateTimeOffset now, TimeZoneInfo zone) =>
        (await store.VotesInAsync(channelId, now.AddDays(-31), now.AddTicks(1)))
            .Where(v => ScheduleTimes.SameMonth(v.At, now, zone))
            .GroupBy(v => v.AuthorId)
            .Select(g => new Standing(g.Key, g.Count(), g.Max(v => v.At)))
            .ToList();
}
