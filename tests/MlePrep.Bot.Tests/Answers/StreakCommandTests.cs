using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.MyData;
using MlePrep.Discord.Interactions;

namespace MlePrep.Bot.Tests.Answers;

public sealed class StreakCommandTests
{
    private readonly StreakFixture _f = new();

    private string Run(ulong? user = null)
    {
        var interaction = TestData.Interaction(InteractionType.ApplicationCommand, new InteractionData
        {
            Name = "streak", Type = 1,
            Options = user is { } id
                ? [new CommandOptionValue { Name = "user", Type = CommandOptionType.User, Value = System.Text.Json.JsonSerializer.SerializeToElement(id.ToString()) }]
                : [],
        });
        var reply = new StreakCommand(_f.Ledger, _f.Streaks, _f.Answers, _f.Time).ExecuteAsync(new InteractionContext(interaction), default).AsTask().Result;
        Assert.True(reply.Ephemeral);
        return reply.Message!.Content!;
    }

    [Fact]
    public void The_reply_shows_current_and_best_streak_answers_and_the_deadline_of_the_open_question()
    {
        _f.AddSchedule();
        var posted = Enumerable.Range(0, 6).Select(i => _f.Post(StreakFixture.Start.AddDays(i))).ToList();
        foreach (var i in new[] { 0, 1, 2, 4, 5 })
        {
            _f.Answer(posted[i], TestData.UserId, posted[i].PostedAt!.Value.AddHours(1));
        }
        _f.Time.SetUtcNow(StreakFixture.Start.AddDays(5).AddHours(2));

        var text = Run();

        Assert.Contains("Current streak: **2**", text);
        Assert.Contains("Best streak: **3**", text);
        Assert.Contains("Answers: 5 in total, 5 this month", text);
        var nextPost = new DateTimeOffset(StreakFixture.Start.AddDays(6).UtcDateTime).ToUnixTimeSeconds();
        Assert.Contains($"Next question expected <t:{nextPost}:R>", text);
        Assert.Contains(StreakCommand.Rule, text);
    }

    [Fact]
    public async Task Skipped_failed_and_pending_days_do_not_exist_for_streaks()
    {
        _f.AddSchedule();
        var monday = _f.Post(StreakFixture.Start);
        _f.Post(StreakFixture.Start.AddDays(1), status: OccurrenceStatus.Skipped);
        _f.Post(StreakFixture.Start.AddDays(2), status: OccurrenceStatus.Failed);
        var thursday = _f.Post(StreakFixture.Start.AddDays(3));
        _f.Post(StreakFixture.Start.AddDays(4), status: OccurrenceStatus.Pending);
        _f.Answer(monday, TestData.UserId, StreakFixture.Start.AddHours(1));
        _f.Answer(thursday, TestData.UserId, StreakFixture.Start.AddDays(3).AddHours(1));

        Assert.Equal([monday.Id, thursday.Id], (await _f.Ledger.PostedAsync(TestData.ChannelId)).Select(o => o.Id));
        Assert.Equal(2, (await _f.Streaks.OfAsync(TestData.ChannelId, TestData.UserId)).Current);
    }

    [Fact]
    public void Another_members_streaks_can_be_looked_up()
    {
        _f.AddSchedule();
        var posted = _f.Post(StreakFixture.Start);
        _f.Answer(posted, 42, StreakFixture.Start.AddHours(1));

        Assert.Contains("Current streak: **1**", Run(42));
        Assert.Contains("Current streak: **0**", Run());
    }

    [Fact]
    public void A_server_without_a_daily_channel_is_told_how_to_set_one()
    {
        var text = Run();

        Assert.Equal(StreakCommand.NoDailyChannel, text);
        Assert.Contains("/daily set", text);
    }

    [Fact]
    public void Command_definitions_follow_discords_rules()
    {
        ISlashCommand[] commands =
        [
            new StreakCommand(_f.Ledger, _f.Streaks, _f.Answers, _f.Time),
            new LeaderboardCommand(_f.Ledger, _f.Streaks, _f.Helpful, _f.Time),
            new MyDataCommand(_f.Answers, _f.Practice, _f.Learning, _f.Mocks, _f.PeerData),
        ];
        foreach (var definition in commands.Select(c => c.Definition))
        {
            Assert.Matches("^[a-z0-9_-]{1,32}$", definition.Name);
            Assert.InRange(definition.Description.Length, 1, 100);
            Assert.Equal([0], definition.Contexts!);
            Assert.Equal([0], definition.IntegrationTypes!);
            Assert.All(definition.Options ?? [], o => Assert.InRange(o.Description.Length, 1, 100));
        }
        Assert.Equal(CommandOptionType.User, commands[0].Definition.Options![0].Type);
        Assert.Equal([0, 5], commands[1].Definition.Options![0].ChannelTypes!);
        Assert.Equal(["current", "best", "month", "helpful"], commands[1].Definition.Options![1].Choices!.Select(c => c.Value));
    }
}
