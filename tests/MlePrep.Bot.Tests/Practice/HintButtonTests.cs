using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Practice;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Tests.Practice;

public sealed class HintButtonTests
{
    private readonly LitePracticeStore _practice = new(BotDatabase.InMemory());
    private readonly HintButton _button;

    public HintButtonTests() =>
        _button = new HintButton(new QuestionBank([TestData.Question("T1", hints: 3)]), _practice, new FakeTimeProvider());

    private InteractionReply Press(string customId, int? flags = null) =>
        _button.HandleAsync(new InteractionContext(TestData.Button(customId, flags)), default).Result;

    [Fact]
    public async Task Hint_on_the_public_post_opens_a_private_card_with_the_first_hint_and_a_next_button()
    {
        var reply = Press("hint:T1:1");

        Assert.Equal(ReplyKind.Message, reply.Kind);
        Assert.True(reply.Ephemeral);
        var embed = reply.Message!.Embeds![0];
        Assert.Contains("1. Hint 1 of T1", embed.Description);
        Assert.DoesNotContain("Hint 2 of T1", embed.Description);
        Assert.Equal("hint:T1:2", reply.Message.Components![0].Components![0].CustomId);
        Assert.Equal(1, await _practice.HintsRevealedAsync(TestData.GuildId, TestData.UserId, "T1"));
    }

    [Fact]
    public async Task Next_hint_on_the_private_card_updates_it_and_the_last_rung_shows_followups_and_grade_without_answering()
    {
        var reply = Press("hint:T1:3", MessageFlags.Ephemeral);

        Assert.Equal(ReplyKind.Update, reply.Kind);
        var description = reply.Message!.Embeds![0].Description!;
        Assert.Contains("3. Hint 3 of T1", description);
        Assert.Contains("Follow-up of T1", description);
        Assert.Equal("selfgrade:T1", Assert.Single(Assert.Single(reply.Message.Components!).Components!).CustomId);
        Assert.Equal(3, await _practice.HintsRevealedAsync(TestData.GuildId, TestData.UserId, "T1"));
    }

    [Fact]
    public void Hint_on_a_private_review_card_opens_a_new_card_and_leaves_the_review_card_with_its_answer_button()
    {
        var reply = Press("hint:T1:1", MessageFlags.Ephemeral);

        Assert.Equal(ReplyKind.Message, reply.Kind);
        Assert.True(reply.Ephemeral);
    }

    [Theory]
    [InlineData("hint:GONE:1")]
    [InlineData("hint:T1")]
    [InlineData("hint:T1:x")]
    public void A_stale_or_malformed_hint_button_is_answered_politely(string customId)
    {
        var reply = Press(customId);
        Assert.True(reply.Ephemeral);
        Assert.Equal(StaleComponent.Message, reply.Message!.Content);
    }
}
