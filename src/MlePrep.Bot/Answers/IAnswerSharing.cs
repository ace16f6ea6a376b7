using MlePrep.Bot.Daily;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Answers;

/// <summary>
/// Sharing a daily answer with the study group, revealed when its answer window closes. The answer modal offers the choice
/// and records it here; the sharing feature implements it, so answers never reference that feature.
/// </summary>
public interface IAnswerSharing
{
    /// <summary>Whether the member's answer to the occurrence is shared (the modal's default choice).</summary>
    ValueTask<bool> IsSharedAsync(string occurrenceId, ulong userId);

    /// <summary>Records the member's choice for their saved daily answer; the note joins the private confirmation.</summary>
    ValueTask<SharingNote> ChooseAsync(Answer answer, DailyOccurrence occurrence, bool share);
}

/// <summary>A line for the answer's confirmation and, while the answer can still be withdrawn, a button to do so.</summary>
public sealed record SharingNote(string Line, Component? Button = null);

/// <summary>The 👍 votes members' shared answers received, for <c>/leaderboard sort: helpful</c>.</summary>
public interface IHelpfulVotes
{
    /// <summary>Per member, the votes received in a daily channel in the month of <paramref name="now"/> in <paramref name="zone"/>.</summary>
    ValueTask<IReadOnlyList<Standing>> ReceivedAsync(ulong channelId, DateTimeOffset now, TimeZoneInfo zone);
}
