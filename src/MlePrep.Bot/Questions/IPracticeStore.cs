namespace MlePrep.Bot.Questions;

/// <summary>
/// Practice state: how far members went down each question's hint ladder, and when each channel last saw each question.
/// </summary>
/// <remarks>
/// The contract every adapter keeps (checked by the shared practice-store contract tests):
/// <list type="bullet">
/// <item>One reveal per (server, member, question); a server of <c>null</c> (a DM) is its own server. Recording never
/// lowers the rungs and keeps the first reveal time.</item>
/// <item>One entry per (channel, question) in the shown history, holding the latest time; concurrent records in one
/// channel all land.</item>
/// <item>What a call returns is a snapshot: later writes do not change it.</item>
/// </list>
/// </remarks>
public interface IPracticeStore
{
    /// <summary>Records that the member has seen <paramref name="rungs"/> hints of a question and returns the stored reveal.</summary>
    ValueTask<HintReveal> RecordHintsAsync(ulong? guildId, ulong userId, string questionId, int rungs, DateTimeOffset now);

    /// <summary>The rungs the member revealed of a question in a server; 0 if none.</summary>
    ValueTask<int> HintsRevealedAsync(ulong? guildId, ulong userId, string questionId);

    /// <summary>The member's reveals in every server.</summary>
    ValueTask<IReadOnlyList<HintReveal>> RevealsOfAsync(ulong userId);

    /// <summary>Deletes the member's reveals in every server and returns how many there were.</summary>
    ValueTask<int> DeleteRevealsOfAsync(ulong userId);

    /// <summary>When each question was last shown in the channel.</summary>
    ValueTask<IReadOnlyDictionary<string, DateTimeOffset>> ShownInAsync(ulong channelId);

    ValueTask RecordShownAsync(ulong channelId, string questionId, DateTimeOffset now);
}

/// <summary>How far a member went down a question's hint ladder. <see cref="GuildId"/> is 0 for a DM.</summary>
public sealed record HintReveal(
    ulong GuildId, ulong UserId, string QuestionId, int Rungs, DateTimeOffset FirstRevealedAt, DateTimeOffset LastRevealedAt);
