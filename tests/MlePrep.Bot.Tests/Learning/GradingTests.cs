using Microsoft.Extensions.Logging.Abstractions;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Learning;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Tests.Answers;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Tests.Learning;

/// <summary>The answer reply's grading components, and the handlers of the grade buttons, the rubric select and Grade without answering.</summary>
public sealed class GradingTests
{
    private readonly StreakFixture _f = new();

    private static readonly QuestionBank Bank = new([TestData.Question("R1") with { Rubric = ["Defines drift", "Names a test", "Says what to do"] }, TestData.Question("T1")]);

    private static readonly Message Card = new()
    {
        Id = 77, ChannelId = TestData.ChannelId, Flags = MessageFlags.Ephemeral, Content = "✅ Saved your answer to **R1**.",
        Embeds = [new Embed { Title = "📝 R1 · answer key" }],
    };

    private static Interaction Click(string customId, Message? message = null, IReadOnlyList<string>? values = null) =>
        TestData.Interaction(InteractionType.MessageComponent, new InteractionData { CustomId = customId, ComponentType = values is null ? 2 : 3, Values = values }) with
        {
            Message = message ?? Card,
        };

    private GradeButton Grader() => new(Bank, _f.Learning, _f.Time, NullLogger<GradeButton>.Instance);

    private InteractionReply Press(IComponentHandler handler, Interaction interaction) =>
        handler.HandleAsync(new InteractionContext(interaction), default).AsTask().Result;

    [Fact]
    public void The_answer_reply_offers_the_three_grades_after_the_key()
    {
        var reply = _f.Submit("answerm:T1", StreakFixture.LongText());

        var buttons = Assert.Single(reply.Message!.Components!).Components!;
        Assert.Equal(["grade:T1:n:0", "grade:T1:p:0", "grade:T1:m:0"], buttons.Select(b => b.CustomId));
        Assert.Contains("grade yourself", reply.Message.Content);
    }

    [Fact]
    public void A_rubric_adds_a_multi_select_of_its_points_above_the_grades()
    {
        var rows = GradeButtons.Rows("R1", Bank.Find("R1")!.Rubric, covered: 0b101);

        var select = Assert.Single(rows[0].Components!);
        Assert.Equal((ComponentTypes.StringSelect, "rubric:R1", 0, 3), (select.Type, select.CustomId, select.MinValues, select.MaxValues));
        Assert.Equal(["Defines drift", "Names a test", "Says what to do"], select.Options!.Select(o => o.Label));
        Assert.Equal([true, null, true], select.Options!.Select(o => o.Default));
        Assert.Equal(["grade:R1:n:5", "grade:R1:p:5", "grade:R1:m:5"], rows[1].Components!.Select(b => b.CustomId));
    }

    [Fact]
    public void Ticking_rubric_points_keeps_the_card_and_makes_the_grades_carry_them()
    {
        var reply = Press(new RubricSelect(Bank), Click("rubric:R1", values: ["0", "2"]));

        Assert.Equal(ReplyKind.Update, reply.Kind);
        Assert.Equal((Card.Content, "📝 R1 · answer key"), (reply.Message!.Content, reply.Message.Embeds![0].Title));
        Assert.Equal("grade:R1:p:5", reply.Message.Components![1].Components![1].CustomId);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("x")]
    public void A_rubric_value_the_question_does_not_have_is_stale(string value)
    {
        var reply = Press(new RubricSelect(Bank), Click("rubric:R1", values: [value]));

        Assert.Equal(StaleComponent.Message, reply.Message!.Content);
    }

    [Fact]
    public async Task A_grade_is_stored_with_its_rubric_points_and_the_card_says_when_it_comes_back_without_its_buttons()
    {
        var reply = Press(Grader(), Click("grade:R1:p:5"));

        var grade = Assert.Single(await _f.Learning.GradesOfAsync(TestData.UserId));
        Assert.Equal((Grade.Partly, 5, 2, 3), (grade.Grade, grade.Covered, grade.CoveredCount, grade.RubricPoints));
        var card = Assert.Single(await _f.Learning.CardsOfAsync(TestData.UserId));
        Assert.Equal(_f.Time.GetUtcNow().AddDays(1), card.DueAt);
        Assert.Equal(ReplyKind.Update, reply.Kind);
        Assert.Empty(reply.Message!.Components!);
        Assert.StartsWith(Card.Content, reply.Message.Content);
        Assert.Contains("Graded **Partly** (2 of 3 rubric points)", reply.Message.Content);
        Assert.Contains($"<t:{card.DueAt.ToUnixTimeSeconds()}:R>", reply.Message.Content);
    }

    [Theory]
    [InlineData("grade:R1:n:8")] // a 4th point of a 3-point rubric
    [InlineData("grade:T1:n:1")] // a point of a question without a rubric
    [InlineData("grade:GONE:n:0")]
    public async Task A_forged_or_stale_grade_is_refused_and_stores_nothing(string customId)
    {
        var reply = Press(Grader(), Click(customId));

        Assert.Equal(StaleComponent.Message, reply.Message!.Content);
        Assert.Empty(await _f.Learning.GradesOfAsync(TestData.UserId));
    }

    [Fact]
    public void Grade_without_answering_shows_the_key_and_the_grading_components_privately()
    {
        var reply = Press(new SelfGradeButton(Bank), Click("selfgrade:R1", new Message { Id = 5, ChannelId = TestData.ChannelId, Flags = MessageFlags.Ephemeral }));

        Assert.True(reply.Ephemeral);
        Assert.Equal(SelfGradeButton.Prompt, reply.Message!.Content);
        Assert.Contains("Defines drift", reply.Message.Embeds![0].Description);
        Assert.Equal(["rubric:R1", "grade:R1:n:0"], reply.Message.Components!.Select(r => r.Components![0].CustomId));
    }
}
