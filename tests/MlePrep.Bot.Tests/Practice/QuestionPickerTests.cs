using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Practice;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Practice;

public sealed class QuestionPickerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly QuestionPicker _picker;

    public QuestionPickerTests() => _picker = new QuestionPicker(new PracticeStore(BotDatabase.InMemory()), _time, new Random(7));

    private Question Pick(ulong channel, IReadOnlyList<Question> candidates)
    {
        _time.Advance(TimeSpan.FromMinutes(1));
        return _picker.Pick(channel, candidates);
    }

    [Fact]
    public void No_question_repeats_in_a_channel_until_all_were_shown()
    {
        var questions = Enumerable.Range(1, 20).Select(i => TestData.Question($"T{i}")).ToArray();

        var picks = Enumerable.Range(0, 20).Select(_ => Pick(1, questions).Id).ToArray();

        Assert.Equal(20, picks.Distinct().Count());
    }

    [Fact]
    public void After_a_full_round_the_pick_comes_from_the_least_recently_shown_half()
    {
        var questions = Enumerable.Range(1, 10).Select(i => TestData.Question($"T{i}")).ToArray();
        var firstRound = Enumerable.Range(0, 10).Select(_ => Pick(1, questions).Id).ToArray();

        var next = Pick(1, questions).Id;

        Assert.Contains(next, firstRound[..5]);
    }

    [Fact]
    public void Channels_have_their_own_history()
    {
        var questions = new[] { TestData.Question("T1") };

        Assert.Equal("T1", Pick(1, questions).Id);
        Assert.Equal("T1", Pick(2, questions).Id);
        Assert.Equal("T1", Pick(1, questions).Id);
    }
}
