using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Practice;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Practice;

public sealed class QuestionPickerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly QuestionPicker _picker;

    public QuestionPickerTests() => _picker = new QuestionPicker(new LitePracticeStore(BotDatabase.InMemory()), _time, new Random(7));

    private async Task<Question> Pick(ulong channel, IReadOnlyList<Question> candidates)
    {
        _time.Advance(TimeSpan.FromMinutes(1));
        return await _picker.PickAsync(channel, candidates);
    }

    private async Task<string[]> Picks(int count, IReadOnlyList<Question> candidates)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = (await Pick(1, candidates)).Id;
        }
        return ids;
    }

    [Fact]
    public async Task No_question_repeats_in_a_channel_until_all_were_shown()
    {
        var questions = Enumerable.Range(1, 20).Select(i => TestData.Question($"T{i}")).ToArray();

        var picks = await Picks(20, questions);

        Assert.Equal(20, picks.Distinct().Count());
    }

    [Fact]
    public async Task After_a_full_round_the_pick_comes_from_the_least_recently_shown_half()
    {
        var questions = Enumerable.Range(1, 10).Select(i => TestData.Question($"T{i}")).ToArray();
        var firstRound = await Picks(10, questions);

        var next = (await Pick(1, questions)).Id;

        Assert.Contains(next, firstRound[..5]);
    }

    [Fact]
    public async Task Channels_have_their_own_history()
    {
        var questions = new[] { TestData.Question("T1") };

        Assert.Equal("T1", (await Pick(1, questions)).Id);
        Assert.Equal("T1", (await Pick(2, questions)).Id);
        Assert.Equal("T1", (await Pick(1, questions)).Id);
    }
}
