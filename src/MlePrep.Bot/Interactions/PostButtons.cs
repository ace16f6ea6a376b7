using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Interactions;

/// <summary>
/// The buttons one feature puts on another's posts (/question and daily posts both carry Hint and Answer). Built here
/// from the codec, so a post's feature never references the feature that handles the click.
/// </summary>
public static class PostButtons
{
    public static Component Hint(string questionId) =>
        Component.Button(ButtonStyle.Primary, "Hint", CustomIds.Format(new HintId(questionId, 1)), "💡");

    /// <summary>Pass the occurrence id (<c>{channelId}:{yyyy-MM-dd}</c>) on daily posts.</summary>
    public static Component Answer(string questionId, string? occurrenceId = null) =>
        Component.Button(ButtonStyle.Success, "Answer", CustomIds.Format(new AnswerId(questionId, occurrenceId)), "✍️");
}
