using MlePrep.Bot.Answers;
using MlePrep.Bot.MockInterviews;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.MockInterviews;

public sealed class MockPickerTests
{
    private static readonly DateTimeOffset Now = new(2028, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly BotDatabase _db = BotDatabase.InMemory();
    private readonly QuestionBank _bank = new(
    [
        TestData.Question("T-easy-seen", "technical", "easy"), TestData.Question("T-easy", "technical", "easy"), TestData.Question("T-hard", "technical", "hard"),
        TestData.Question("SD-medium", "system-design", "medium"), TestData.Question("SD-hard", "system-design", "hard"),
        TestData.Question("B-medium-seen", "behavioral", "medium"), TestData.Question("B-easy", "behavioral", "easy"),
    ]);

    private MockPicker Picker() => new(_bank, new LiteAnswerStore(_db), new LitePracticeStore(_db), new LiteMockStore(_db), new Random(7));

    private static MockTrack Generalist => MockTracks.Find("generalist")!;

    [Fact]
    public async Task Each_slot_gets_its_category_and_difficulty_and_what_the_member_saw_in_30_days_is_avoided()
    {
        await new LiteAnswerStore(_db).SaveAsync(new AnswerSubmission(1, TestData.UserId, 5, "T-easy-seen", null, "an answer", 0, Now.AddDays(-29)));
        await new LitePracticeStore(_db).RecordHintsAsync(1, TestData.UserId, "B-medium-seen", 1, Now.AddDays(-1));

        for (var i = 0; i < 10; i++)
        {
            var picked = await Picker().PickAsync(TestData.UserId, Generalist, Generalist.QuestionsFor(20), Now);
            // Seen behavioral at medium is avoided for an unseen one at another difficulty.
            Assert.Equal(["T-easy", "SD-medium", "B-easy"], picked.Select(q => q.Id));
        }
    }

    [Fact]
    public async Task A_question_seen_over_30_days_ago_counts_as_fresh_and_a_seen_one_is_used_when_nothing_else_fits()
    {
        await new LiteAnswerStore(_db).SaveAsync(new AnswerSubmission(1, TestData.UserId, 5, "SD-medium", null, "an answer", 0, Now.AddDays(-31)));
        await new LiteAnswerStore(_db).SaveAsync(new AnswerSubmission(1, TestData.UserId, 5, "B-easy", null, "an answer", 0, Now.AddDays(-2)));
        await new LiteAnswerStore(_db).SaveAsync(new AnswerSubmission(1, TestData.UserId, 5, "B-medium-seen", null, "an answer", 0, Now.AddDays(-2)));

        var picked = await Picker().PickAsync(TestData.UserId, Generalist, 3, Now);

        Assert.Equal("SD-medium", picked[1].Id);
        Assert.Equal("B-medium-seen", picked[2].Id);
    }

    [Fact]
    public void Every_track_asks_as_many_slots_as_its_longest_length_needs()
    {
        foreach (var track in MockTracks.All)
        {
            Assert.All(MockTracks.Lengths, length => Assert.InRange(track.QuestionsFor(length), 1, track.Slots.Count));
        }
    }
}
