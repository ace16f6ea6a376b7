using LiteDB;
using Microsoft.Extensions.Options;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

public sealed class MigrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-schema-").FullName;

    [Fact]
    public async Task A_database_written_before_versions_were_stored_opens_reads_back_and_is_stamped_current()
    {
        var path = Path.Combine(_folder, "bot.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", "schema-v0.db"), path);

        using (var db = Open(path))
        {
            Assert.Equal(StorageSchema.Current, StorageSchema.VersionOf(db.Database));
            var daily = new LiteDailyStore(db);
            var schedule = Assert.Single(await daily.AllSchedulesAsync());
            Assert.Equal((TestData.GuildId, 9, 30, "Europe/Berlin", PostingDays.Weekdays, "technical"),
                (schedule.GuildId, schedule.Hour, schedule.Minute, schedule.TimeZoneId, schedule.Days, schedule.Category));
            Assert.Equal((1_200_000_000_000_000_009UL, true, TestData.UserId, 2), (schedule.PingRoleId, schedule.OpenThread, schedule.SetBy, schedule.RotationIndex));
            Assert.Equal(["T1", "T2", "T3"], schedule.Rotation);
            Assert.Equal(new DateTime(2026, 10, 30, 9, 0, 0, DateTimeKind.Utc), schedule.SetAt);
            var occurrences = await daily.OccurrencesOfAsync(TestData.ChannelId);
            Assert.Equal([OccurrenceStatus.Posted, OccurrenceStatus.Posted, OccurrenceStatus.Failed], occurrences.Select(o => o.Status));
            Assert.Equal(new DateTime(2026, 11, 3, 9, 0, 2, DateTimeKind.Utc), occurrences[1].PostedAt);
            Assert.Equal((9_002UL, "T2", 9_102UL), (occurrences[1].MessageId!.Value, occurrences[1].QuestionId, occurrences[1].ThreadId!.Value));
            Assert.Equal("Missing Access (50001)", occurrences[2].Reason);

            var answers = (await new LiteAnswerStore(db).OfAsync(TestData.UserId)).OrderBy(a => a.AnsweredAt).ToList();
            Assert.Equal(3, answers.Count);
            Assert.Equal("  Bias–variance: a first answer, with leading spaces.\n", answers[0].Text);
            Assert.Equal(("The same day, edited.", 2, new DateTimeOffset(2026, 11, 3, 11, 0, 0, TimeSpan.Zero)), (answers[1].Text, answers[1].Revisions, answers[1].AnsweredAt));
            Assert.Null(answers[2].OccurrenceId);
            Assert.Equal(2, (await new StreakService(new DailyLedger(daily), new LiteAnswerStore(db)).OfAsync(TestData.ChannelId, TestData.UserId)).Current);

            var practice = new LitePracticeStore(db);
            Assert.Equal(2, await practice.HintsRevealedAsync(TestData.GuildId, TestData.UserId, "T3"));
            Assert.Equal(new DateTimeOffset(2026, 11, 3, 12, 0, 0, TimeSpan.Zero), (await practice.ShownInAsync(TestData.ChannelId))["T3"]);
        }
        using var reopened = Open(path);
        Assert.Equal(StorageSchema.Current, StorageSchema.VersionOf(reopened.Database));
    }

    [Fact]
    public async Task Opening_a_database_from_before_streak_states_derives_them_from_the_answers_and_the_ledger()
    {
        var path = Path.Combine(_folder, "bot.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", "schema-v0.db"), path);

        using var db = Open(path);

        var answers = new LiteAnswerStore(db);
        var posted = await new DailyLedger(new LiteDailyStore(db)).PostedAsync(TestData.ChannelId);
        var state = await answers.StreakAsync(TestData.ChannelId, TestData.UserId);
        Assert.NotNull(state);
        Assert.Equal(MemberStreak.Derive(TestData.ChannelId, TestData.UserId, posted, await answers.DailyInAsync(TestData.ChannelId, TestData.UserId)), state);
        Assert.Equal(2, state.At(posted.Count).Current);
    }

    [Fact]
    public void A_database_of_a_newer_schema_is_refused_with_one_line_and_left_as_it_was()
    {
        var path = Path.Combine(_folder, "bot.db");
        using (var db = Open(path))
        {
            StorageSchema.Stamp(db.Database, StorageSchema.Current + 1);
        }

        var e = Assert.Throws<DatabaseOpenException>(() => Open(path));

        Assert.Contains($"schema version {StorageSchema.Current + 1}", e.Message);
        Assert.Contains(path, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        using var raw = new LiteDatabase(path);
        Assert.Equal(StorageSchema.Current + 1, StorageSchema.VersionOf(raw));
    }

    [Fact]
    public void Steps_run_in_order_from_the_stored_version_each_with_its_version_and_a_failed_step_changes_nothing()
    {
        using var db = BotDatabase.InMemory();
        var docs = db.Database.GetCollection("docs");
        docs.Insert(new BsonDocument { ["_id"] = 1, ["name"] = "ada" });
        StorageSchema.Stamp(db.Database, 1);
        var ran = new List<int>();
        SchemaMigration Step(int version, Action<LiteDatabase> apply) => new(version, $"step {version}", d => { ran.Add(version); apply(d); });
        var steps = new[]
        {
            Step(2, d => d.GetCollection("docs").UpdateMany("{ fullName: $.name }", "1 = 1")),
            Step(3, d => d.GetCollection("docs").UpdateMany("{ fullName: $.fullName, since: 2026 }", "1 = 1")),
            Step(4, d =>
            {
                d.GetCollection("docs").DeleteAll();
                throw new InvalidOperationException("step 4 is broken");
            }),
        };

        Assert.Equal(1, StorageSchema.Migrate(db.Database, "test", steps[..2], 3));
        Assert.Equal([2, 3], ran);
        Assert.Equal(3, StorageSchema.VersionOf(db.Database));
        Assert.Equal(2026, docs.FindById(1)["since"].AsInt32);

        Assert.Throws<InvalidOperationException>(() => StorageSchema.Migrate(db.Database, "test", steps, 4));
        Assert.Equal([2, 3, 4], ran);
        Assert.Equal(3, StorageSchema.VersionOf(db.Database));
        Assert.Equal("ada", docs.FindById(1)["fullName"].AsString);
    }

    [Fact]
    public void The_shipped_steps_lead_one_by_one_to_the_current_version()
    {
        Assert.Equal(Enumerable.Range(2, StorageSchema.Current - 1), StorageSchema.Migrations.Select(m => m.Version));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static BotDatabase Open(string path) => new(Options.Create(new StorageOptions { DatabasePath = path }));
}
