namespace MlePrep.Bot.Tests.Answers;

public sealed class ConcurrencyTests
{
    private readonly StreakFixture _f = new();

    [Fact]
    public async Task Two_hundred_members_submitting_at_once_twice_each_give_exact_counts_and_streaks()
    {
        _f.AddSchedule();
        var yesterday = _f.Post(StreakFixture.Start);
        var today = _f.Post(StreakFixture.Start.AddDays(1), questionId: "T2");
        var members = Enumerable.Range(1, 200).Select(i => (ulong)i).ToList();
        foreach (var member in members.Where(m => m % 2 == 0))
        {
            _f.Answer(yesterday, member, StreakFixture.Start.AddHours(1));
        }
        _f.Time.SetUtcNow(StreakFixture.Start.AddDays(1).AddHours(1));

        var submits = members.SelectMany(m => new[] { "first", "second" }.Select(text =>
            Task.Run(() => _f.Submit($"answerm:T2:{today.Id}", StreakFixture.LongText(text), m))));
        var replies = await Task.WhenAll(submits);

        Assert.Equal(200, replies.Count(r => r.Message!.Content!.Contains("Saved your answer")));
        Assert.Equal(200, replies.Count(r => r.Message!.Content!.Contains("Updated your answer")));
        Assert.Equal(200, await _f.Answers.CountForAsync(today.Id));
        foreach (var m in members)
        {
            Assert.Equal(m % 2 == 0 ? 2 : 1, (await _f.Streaks.OfAsync(TestData.ChannelId, m)).Current);
            Assert.Equal(2, (await _f.Answers.OfAsync(m)).Single(a => a.OccurrenceId == today.Id).Revisions);
        }

        _f.Time.Advance(TimeSpan.FromSeconds(10));
        var edit = Assert.Single(_f.Edits);
        Assert.Equal($"{today.Id}: 200 members answered", edit.Payload.Content);
    }
}
