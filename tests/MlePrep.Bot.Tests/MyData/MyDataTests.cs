using Microsoft.Extensions.Logging.Abstractions;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Learning;
using MlePrep.Bot.MockInterviews;
using MlePrep.Bot.MyData;
using MlePrep.Bot.Tests.Answers;

namespace MlePrep.Bot.Tests.MyData;

public sealed class MyDataTests
{
    private readonly StreakFixture _f = new();

    private MyDataButtons Buttons() => new(_f.Answers, _f.Practice, _f.Learning, _f.Mocks, _f.PeerData, _f.Ledger, _f.Live, NullLogger<MyDataButtons>.Instance);

    private InteractionReply Press(string customId, ulong userId) =>
        Buttons().HandleAsync(new InteractionContext(StreakFixture.As(TestData.Button(customId), userId)), default).AsTask().Result;

    private async Task Seed()
    {
        _f.AddSchedule();
        var occurrence = _f.Post(StreakFixture.Start);
        _f.Answer(occurrence, TestData.UserId, StreakFixture.Start.AddHours(1));
        _f.Submit("answerm:T2", StreakFixture.LongText());
        await _f.Practice.RecordHintsAsync(TestData.GuildId, TestData.UserId, "T1", 1, StreakFixture.Start);
        _f.Answer(occurrence, 99, StreakFixture.Start.AddHours(1));
    }

    [Fact]
    public async Task Mydata_lists_what_is_stored_and_offers_delete_and_cancel_for_this_member_only()
    {
        await Seed();

        var reply = await new MyDataCommand(_f.Answers, _f.Practice, _f.Learning, _f.Mocks, _f.PeerData).ExecuteAsync(new InteractionContext(TestData.Command("mydata")), default);

        Assert.True(reply.Ephemeral);
        var text = reply.Message!.Content!;
        Assert.Contains("Answers: 2 (1 to daily questions)", text);
        Assert.Contains("Hint reveals: 1", text);
        Assert.Contains($"Streaks in <#{TestData.ChannelId}>", text);
        Assert.Equal([$"mydata:delete:{TestData.UserId}", $"mydata:cancel:{TestData.UserId}"],
            reply.Message.Components![0].Components!.Select(b => b.CustomId));
    }

    [Fact]
    public async Task Another_member_cannot_confirm_the_deletion()
    {
        await Seed();

        var reply = Press($"mydata:delete:{TestData.UserId}", 99);

        Assert.True(reply.Ephemeral);
        Assert.Contains("Only the member who opened", reply.Message!.Content);
        Assert.Equal(2, (await _f.Answers.OfAsync(TestData.UserId)).Count);
    }

    [Fact]
    public async Task Confirming_deletes_the_members_answers_and_reveals_and_says_what_went()
    {
        await Seed();

        var reply = Press($"mydata:delete:{TestData.UserId}", TestData.UserId);

        Assert.Equal(ReplyKind.Update, reply.Kind);
        Assert.Contains("Deleted 2 answers (1 to daily questions), 1 hint reveals, 0 self-grades", reply.Message!.Content);
        Assert.Empty(reply.Message.Components!);
        Assert.Empty((await _f.Answers.OfAsync(TestData.UserId)));
        Assert.Equal(0, await _f.Practice.HintsRevealedAsync(TestData.GuildId, TestData.UserId, "T1"));
        Assert.Equal(0, (await _f.Streaks.OfAsync(TestData.ChannelId, TestData.UserId)).Best);
        Assert.Single((await _f.Answers.OfAsync(99)));
    }

    [Fact]
    public async Task Cancel_deletes_nothing()
    {
        await Seed();

        var reply = Press($"mydata:cancel:{TestData.UserId}", TestData.UserId);

        Assert.Equal("Nothing was deleted.", reply.Message!.Content);
        Assert.Equal(2, (await _f.Answers.OfAsync(TestData.UserId)).Count);
    }

    [Fact]
    public async Task Mydata_lists_self_grades_and_the_review_schedule_and_deleting_removes_them()
    {
        await _f.Learning.RecordGradeAsync(new GradeEntry(TestData.UserId, "T1", Grade.Partly, 0b1, 3, StreakFixture.Start));
        await _f.Learning.RecordGradeAsync(new GradeEntry(99, "T1", Grade.Nailed, 0, 0, StreakFixture.Start));

        var export = (await new MyDataCommand(_f.Answers, _f.Practice, _f.Learning, _f.Mocks, _f.PeerData).ExecuteAsync(new InteractionContext(TestData.Command("mydata")), default)).Message!;

        Assert.Contains("Self-grades: 1 (1 questions)", export.Content);
        Assert.Contains($"`T1` <t:{StreakFixture.Start.ToUnixTimeSeconds()}:d>: Partly, 1 of 3 rubric points", export.Content);
        Assert.Contains($"Review schedule: 1 questions, the next due <t:{StreakFixture.Start.AddDays(1).ToUnixTimeSeconds()}:f>", export.Content);
        Assert.NotNull(export.Components);

        var deleted = Press($"mydata:delete:{TestData.UserId}", TestData.UserId);

        Assert.Contains("1 self-grades and 1 questions of your review schedule", deleted.Message!.Content);
        Assert.Empty(await _f.Learning.GradesOfAsync(TestData.UserId));
        Assert.Empty(await _f.Learning.CardsOfAsync(TestData.UserId));
        Assert.Single(await _f.Learning.GradesOfAsync(99));
    }

    [Fact]
    public async Task Mydata_lists_mock_interviews_and_deleting_removes_them_running_ones_included()
    {
        var start = StreakFixture.Start;
        await _f.Mocks.StartAsync(new MockSession("s1", TestData.GuildId, TestData.UserId, TestData.ChannelId, 7, "llm", 45, start, MockStatus.Running, 0,
            start.AddMinutes(9), [new MockItem("T1", start, null, MockOutcome.Pending, 0), MockItem.Pending("T2")], null));
        await _f.Mocks.StartAsync(new MockSession("s2", TestData.GuildId, 99, TestData.ChannelId, 8, "llm", 45, start, MockStatus.Running, 0,
            start.AddMinutes(9), [MockItem.Pending("T1")], null));

        var export = (await new MyDataCommand(_f.Answers, _f.Practice, _f.Learning, _f.Mocks, _f.PeerData).ExecuteAsync(new InteractionContext(TestData.Command("mydata")), default)).Message!;
        Assert.Contains("Mock interviews: 1", export.Content);
        Assert.Contains($"llm, 45 min <t:{start.ToUnixTimeSeconds()}:d>: running, 0 of 2 answered (`T1`, `T2`)", export.Content);
        Assert.NotNull(export.Components);

        var deleted = Press($"mydata:delete:{TestData.UserId}", TestData.UserId);

        Assert.Contains("1 mock interviews", deleted.Message!.Content);
        Assert.Empty(await _f.Mocks.OfAsync(TestData.UserId));
        Assert.Single(await _f.Mocks.OfAsync(99));
    }
}
