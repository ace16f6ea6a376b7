using Microsoft.Extensions.Logging.Abstractions;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Learning;
using MlePrep.Bot.Answers;
using MlePrep.Bot.MyData;
using MlePrep.Bot.PeerAnswers;
using MlePrep.Bot.Storage.Postgres;
using MlePrep.Bot.Tests.Answers;
using MlePrep.Bot.Tests.Storage.Postgres;

namespace MlePrep.Bot.Tests.MyData;

/// <summary>/mydata on PostgreSQL: what it lists and deletes is every kind of member data the shared database holds.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PgMyDataTests : IDisposable
{
    private readonly PgTestDatabase _db;
    private readonly StreakFixture _f;

    public PgMyDataTests(PostgresServer server)
    {
        _db = PgTestDatabase.Create(server);
        var db = _db.Open();
        _f = new StreakFixture((new PgAnswerStore(db), new PgPracticeStore(db), new PgLearningStore(db), new PgMockStore(db), new PgDailyStore(db), new PgPeerStore(db)));
    }

    [Fact]
    public async Task Mydata_lists_and_deletes_the_members_answers_reveals_grades_and_review_schedule_and_nobody_elses()
    {
        _f.AddSchedule();
        var occurrence = _f.Post(StreakFixture.Start);
        _f.Answer(occurrence, TestData.UserId, StreakFixture.Start.AddHours(1));
        _f.Answer(occurrence, 99, StreakFixture.Start.AddHours(1));
        await _f.Practice.RecordHintsAsync(TestData.GuildId, TestData.UserId, "T1", 1, StreakFixture.Start);
        await _f.Learning.RecordGradeAsync(new GradeEntry(TestData.UserId, "T1", Grade.Partly, 0b1, 3, StreakFixture.Start));
        await _f.Learning.RecordGradeAsync(new GradeEntry(99, "T1", Grade.Nailed, 0, 0, StreakFixture.Start));
        await _f.Peers.ShareAsync(new PeerShare(occurrence.Id, TestData.GuildId, TestData.ChannelId, TestData.UserId,
            Answer.Key(TestData.GuildId, TestData.UserId, occurrence.Id, "T1"), StreakFixture.Start.AddHours(1)));
        await _f.Peers.ShareAsync(new PeerShare(occurrence.Id, TestData.GuildId, TestData.ChannelId, 99, Answer.Key(TestData.GuildId, 99, occurrence.Id, "T1"),
            StreakFixture.Start.AddHours(1)));
        await _f.Peers.ToggleVoteAsync(new PeerVote(occurrence.Id, 99, TestData.UserId, TestData.GuildId, TestData.ChannelId, StreakFixture.Start.AddDays(1)));

        var listed = (await new MyDataCommand(_f.Answers, _f.Practice, _f.Learning, _f.Mocks, _f.PeerData).ExecuteAsync(new InteractionContext(TestData.Command("mydata")), default)).Message!.Content!;
        var deleted = await new MyDataButtons(_f.Answers, _f.Practice, _f.Learning, _f.Mocks, _f.PeerData, _f.Ledger, _f.Live, NullLogger<MyDataButtons>.Instance)
            .HandleAsync(new InteractionContext(StreakFixture.As(TestData.Button($"mydata:delete:{TestData.UserId}"), TestData.UserId)), default);

        Assert.Contains("Answers: 1 (1 to daily questions)", listed);
        Assert.Contains("Hint reveals: 1", listed);
        Assert.Contains("Self-grades: 1 (1 questions)", listed);
        Assert.Contains("Shared answers: 1 (0 revealed)", listed);
        Assert.Contains("👍 votes you cast: 1", listed);
        Assert.Contains("Deleted 1 answers (1 to daily questions), 1 hint reveals, 1 self-grades and 1 questions of your review schedule", deleted.Message!.Content);
        Assert.Contains("1 shared answers (0 revealed messages removed) and 1 👍 votes", deleted.Message.Content);
        // Read through a new connection pool, as another process would.
        var reopened = _db.Open();
        Assert.Empty(await new PgAnswerStore(reopened).OfAsync(TestData.UserId));
        Assert.Empty(await new PgPracticeStore(reopened).RevealsOfAsync(TestData.UserId));
        Assert.Empty(await new PgLearningStore(reopened).GradesOfAsync(TestData.UserId));
        Assert.Empty(await new PgLearningStore(reopened).CardsOfAsync(TestData.UserId));
        Assert.Single(await new PgAnswerStore(reopened).OfAsync(99));
        Assert.Single(await new PgLearningStore(reopened).CardsOfAsync(99));
        Assert.Empty(await new PgPeerStore(reopened).SharesByAsync(TestData.UserId));
        Assert.Empty(await new PgPeerStore(reopened).VotesByAsync(TestData.UserId));
        Assert.Single(await new PgPeerStore(reopened).SharesByAsync(99));
    }

    public void Dispose() => _db.Dispose();
}
