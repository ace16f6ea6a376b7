using MlePrep.Bot.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Daily;

/// <summary>
/// Builds the complete daily post for an occurrence, so the first post and every edit come from one builder. The
/// answers feature's live count edits the post with it, so the result must be the whole message: the question embed
/// (title "Daily question · {ddd d MMM}"), the count ("N members answered", in a field or the footer; 0 on the first
/// post) and the components, including <see cref="PostButtons.Answer"/> with the occurrence id. It must not ping: leave
/// <see cref="MessagePayload.AllowedMentions"/> null on edits (the role ping belongs to the first post only).
/// </summary>
public interface IDailyPostRenderer
{
    ValueTask<MessagePayload> RenderAsync(DailyOccurrence occurrence, int answerCount);
}
