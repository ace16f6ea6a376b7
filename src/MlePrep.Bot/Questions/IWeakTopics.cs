namespace MlePrep.Bot.Questions;

/// <summary>A member's weakest topic, for <c>/question topic: weakest</c> and 🎲 Another on such a post.</summary>
public interface IWeakTopics
{
    /// <summary>What a member types (or picks) as the topic to mean "my weakest"; no topic of the bank has this name.</summary>
    const string Keyword = "weakest";

    /// <summary>The member's weakest topic among those they graded questions in; null when they graded none.</summary>
    ValueTask<string?> WeakestAsync(ulong userId);
}
