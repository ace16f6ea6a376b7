using Microsoft.Extensions.Logging.Abstractions;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Learning;
using MlePrep.Bot.Tests.Answers;
using SkiaSharp;

namespace MlePrep.Bot.Tests.Learning;

public sealed class ReviewAndStatsTests
{
    private readonly StreakFixture _f = new();

    private ReviewCommand Review() => new(_f.Bank, _f.Learning, _f.Time);

    private StatsCommand Stats() => new(_f.Ledger, _f.Streaks, _f.Answers, _f.Learning, new MemberLearning(_f.Bank, _f.Learning, _f.Answers, _f.Practice), _f.Time,
        NullLogger<StatsCommand>.Instance);

    private static InteractionReply Run(ISlashCommand command, params (string, string)[] options) =>
        command.ExecuteAsync(new InteractionContext(TestData.Command(command.Definition.Name, options)), default).AsTask().Result;

    private Task GradeAsync(string questionId, Grade grade, ulong userId = TestData.UserId) =>
        _f.Learning.RecordGradeAsync(new GradeEntry(userId, questionId, grade, 0, 0, _f.Time.GetUtcNow())).AsTask();

    [Fact]
    public void Review_before_any_grade_explains_how_questions_get_there()
    {
        var reply = Run(Review());

        Assert.True(reply.Ephemeral);
        Assert.Equal(ReviewCommand.NothingGraded, reply.Message!.Content);
    }

    [Fact]
    public async Task Review_with_nothing_due_says_when_the_next_is_and_offers_the_weakest_topic()
    {
        await GradeAsync("T1", Grade.Nailed);
        _f.Time.Advance(TimeSpan.FromHours(23));

        var reply = Run(Review());

        var due = (await _f.Learning.CardsOfAsync(TestData.UserId))[0].DueAt.ToUnixTimeSeconds();
        Assert.Contains($"Your next review is due <t:{due}:R>", reply.Message!.Content);
        Assert.Equal("another:::weakest", reply.Message.Components![0].Components![0].CustomId);
    }

    [Fact]
    public async Task Review_shows_the_most_overdue_question_privately_with_hint_answer_and_grade_without_answering()
    {
        await GradeAsync("T2", Grade.Nailed);
        _f.Time.Advance(TimeSpan.FromHours(1));
        await GradeAsync("T1", Grade.Missed);
        _f.Time.Advance(TimeSpan.FromDays(2));

        var reply = Run(Review());

        Assert.True(reply.Ephemeral);
        Assert.Equal("T2 · Technical", reply.Message!.Embeds![0].Title);
        Assert.Contains("1 more due after this one", reply.Message.Content);
        Assert.Equal(["hint:T2:1", "answer:T2", "selfgrade:T2"], reply.Message.Components![0].Components!.Select(b => b.CustomId));
    }

    [Fact]
    public async Task Own_stats_reply_privately_with_one_png_the_embed_shows_and_a_text_summary()
    {
        _f.AddSchedule();
        _f.Answer(_f.Post(StreakFixture.Start), TestData.UserId, StreakFixture.Start.AddHours(1));
        await GradeAsync("T1", Grade.Partly);

        var reply = Run(Stats());

        Assert.True(reply.Ephemeral);
        var file = Assert.Single(reply.Message!.Files!);
        Assert.Equal(("stats.png", "image/png"), (file.FileName, file.ContentType));
        Assert.Equal("attachment://stats.png", reply.Message.Embeds![0].Image!.Url);
        using var bitmap = SKBitmap.Decode(file.Content.ToArray());
        Assert.Equal((StatsRenderer.Width, StatsRenderer.Height), (bitmap.Width, bitmap.Height));
        var text = reply.Message.Content!;
        Assert.Contains($"<#{TestData.ChannelId}>: current streak **1** · best **1** · answers this month **1**", text);
        Assert.Contains("Last 26 weeks: 2 answers and grades on 1 day.", text);
        Assert.Contains("Topic mastery, weakest first: ml-fundamentals (25).", text);
        Assert.True(text.Length <= ReplyLimits.Content);
    }

    [Fact]
    public async Task Another_members_stats_show_only_what_the_boards_show()
    {
        _f.AddSchedule();
        await GradeAsync("T1", Grade.Missed, userId: 99);

        var reply = Run(Stats(), ("user", "99"));

        Assert.True(reply.Ephemeral);
        Assert.Null(reply.Message!.Files);
        Assert.Null(reply.Message.Embeds);
        Assert.Contains("current streak **0** · best **0** · answers this month **0**", reply.Message.Content);
        Assert.DoesNotContain("ml-fundamentals", reply.Message.Content);
        Assert.DoesNotContain("Review", reply.Message.Content);
    }

    [Fact]
    public void Both_commands_follow_discords_rules_and_reply_privately()
    {
        foreach (ISlashCommand command in new ISlashCommand[] { Review(), Stats() })
        {
            Assert.Matches("^[a-z0-9_-]{1,32}$", command.Definition.Name);
            Assert.InRange(command.Definition.Description.Length, 1, 100);
            Assert.True(command.RepliesPrivately);
        }
    }
}
