using MlePrep.Bot.Answers;
using MlePrep.Bot.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.PeerAnswers;

/// <summary>
/// A revealed answer as a message: an embed with the author (a mention, which pings nobody in an embed) and the first
/// 1,000 characters, then 👍 with the count, 📖 Read all when the answer is longer, and 🙈 Hide for moderators.
/// </summary>
public static class PeerCards
{
    /// <summary>The part of an answer the message shows; the rest is a click away.</summary>
    public const int ExcerptLength = 1000;

    private const int Color = 0x57F287;

    public static MessagePayload Revealed(PeerShare share, Answer answer, int votes, bool top)
    {
        var longer = answer.Text.Length > ExcerptLength;
        var excerpt = longer ? answer.Text[..(char.IsHighSurrogate(answer.Text[ExcerptLength - 2]) ? ExcerptLength - 2 : ExcerptLength - 1)] + "…" : answer.Text;
        var buttons = new List<Component>
        {
            Component.Button(ButtonStyle.Secondary, votes.ToString(System.Globalization.CultureInfo.InvariantCulture), Id(PeerAction.Vote, share), "👍"),
        };
        if (longer)
        {
            buttons.Add(Component.Button(ButtonStyle.Secondary, "Read all", Id(PeerAction.Read, share), "📖"));
        }
        buttons.Add(Component.Button(ButtonStyle.Secondary, "Hide", Id(PeerAction.Hide, share), "🙈"));
        return new MessagePayload
        {
            Embeds =
            [
                new Embed
                {
                    Title = top ? $"🏆 Top answer to {answer.QuestionId}" : $"Shared answer to {answer.QuestionId}",
                    Description = $"<@{share.UserId}> wrote:\n\n{excerpt}",
                    Color = Color,
                    Footer = new EmbedFooter(longer
                        ? $"Showing {ExcerptLength:N0} of {answer.Text.Length:N0} characters · 👍 if it helped you"
                        : "👍 if it helped you"),
                },
            ],
            Components = [Component.ActionRow([.. buttons])],
        };
    }

    /// <summary>What stays of a hidden answer: no text, no buttons.</summary>
    public static MessagePayload Hidden() => new()
    {
        Embeds = [new Embed { Title = "Shared answer", Description = "🙈 A moderator hid this answer." }],
        Components = [],
    };

    /// <summary>The full answer, for the member who asked, privately.</summary>
    public static MessagePayload Full(PeerShare share, Answer answer) => new()
    {
        Embeds = [new Embed { Title = $"Shared answer to {answer.QuestionId}", Description = $"<@{share.UserId}> wrote:\n\n{answer.Text}", Color = Color }],
    };

    public static string Id(PeerAction action, PeerShare share) => CustomIds.Format(new PeerAnswerId(action, share.OccurrenceId, share.UserId));
}
