using MlePrep.Bot.Answers;
using MlePrep.Bot.PeerAnswers;

namespace MlePrep.Bot.Tests.PeerAnswers;

public sealed class PeerCardsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static (PeerShare, Answer) Shared(string text) =>
        (new PeerShare("5:2026-11-30", 1, 5, 42, "1:42:5:2026-11-30", At, MessageId: 900),
         new Answer("1:42:5:2026-11-30", 1, 42, 5, "T1", "5:2026-11-30", text, 0, At, At, 1));

    [Fact]
    public void A_long_answer_shows_its_first_thousand_characters_with_read_all_and_the_full_text_goes_privately()
    {
        var (share, answer) = Shared(new string('a', 998) + "😀" + new string('b', 3000));

        var card = PeerCards.Revealed(share, answer, votes: 3, top: false);
        var full = PeerCards.Full(share, answer);

        var excerpt = card.Embeds![0].Description!["<@42> wrote:\n\n".Length..];
        Assert.Equal(new string('a', 998) + "…", excerpt); // never half of a surrogate pair
        Assert.Equal(["👍", "📖", "🙈"], card.Components![0].Components!.Select(b => b.Emoji!.Name));
        Assert.Equal("3", card.Components[0].Components![0].Label);
        Assert.EndsWith(new string('b', 3000), full.Embeds![0].Description);
        Assert.InRange(full.Embeds[0].Description!.Length, 4000, 4096);
    }

    [Fact]
    public void A_short_answer_is_shown_whole_without_read_all_and_the_top_one_is_marked()
    {
        var (share, answer) = Shared("Monitor PSI per feature and alert on the prediction distribution too.");

        var card = PeerCards.Revealed(share, answer, votes: 5, top: true);

        Assert.StartsWith("🏆", card.Embeds![0].Title);
        Assert.EndsWith(answer.Text, card.Embeds[0].Description);
        Assert.Equal(["👍", "🙈"], card.Components![0].Components!.Select(b => b.Emoji!.Name));
    }
}
