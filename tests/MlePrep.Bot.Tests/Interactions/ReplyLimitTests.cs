using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.MyData;
using MlePrep.Bot.Practice;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;
using MlePrep.Bot.Tests.Answers;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;
using MlePrep.Discord.Serialization;

namespace MlePrep.Bot.Tests.Interactions;

/// <summary>
/// Every reply built from a list, at its largest, checked against Discord's limits as the emulator enforces them
/// (content 2,000; description 4,096; 25 fields; 6,000 across embeds).
/// </summary>
public sealed class ReplyLimitTests
{
    private const ulong LongestId = ulong.MaxValue;
    private const int ManyChannels = 200;

    private readonly StreakFixture _f = new();

    private static void AssertDiscordAccepts(InteractionReply reply)
    {
        var json = JsonSerializer.SerializeToNode(InteractionResponse.Message(reply.Message!), DiscordJsonContext.Default.InteractionResponse)!;
        var errors = MessageRules.InteractionReplyErrors(json["data"]);
        Assert.True(errors is null, errors?.ToJsonString());
    }

    private static InteractionReply Run(ISlashCommand command, ulong caller, params CommandOptionValue[] options) =>
        command.ExecuteAsync(new InteractionContext(StreakFixture.As(
            TestData.Interaction(InteractionType.ApplicationCommand, new InteractionData { Name = command.Definition.Name, Type = 1, Options = options }), caller)), default)
            .AsTask().Result;

    private static CommandOptionValue Option(string name, CommandOptionType type, string value) =>
        new() { Name = name, Type = type, Value = JsonSerializer.SerializeToElement(value) };

    private void ManySchedules()
    {
        for (var i = 0; i < ManyChannels; i++)
        {
            _f.AddSchedule(channelId: LongestId - (ulong)i);
        }
    }

    [Fact]
    public void The_leaderboard_at_its_largest_fits()
    {
        var schedule = _f.AddSchedule(zone: "America/North_Dakota/New_Salem");
        var top = Enumerable.Range(1, Leaderboard.Size).Select(i => new BoardEntry(i, new Standing(LongestId - (ulong)i, int.MaxValue, StreakFixture.Start))).ToList();
        var board = new Board(top, new BoardEntry(int.MaxValue, new Standing(LongestId, int.MaxValue, StreakFixture.Start)));

        var content = LeaderboardCommand.Render(schedule, BoardSort.Month, board, LongestId, StreakFixture.Start);

        AssertDiscordAccepts(InteractionReply.Public(new MessagePayload { Content = content }));
    }

    [Fact]
    public void The_leaderboard_refusal_in_a_server_with_many_daily_channels_fits()
    {
        ManySchedules();

        var reply = Run(new LeaderboardCommand(_f.Ledger, _f.Streaks, _f.Helpful, _f.Time), TestData.UserId, Option("channel", CommandOptionType.Channel, "777"));

        Assert.Contains("has no daily question", reply.Message!.Content);
        Assert.Contains($"and {ManyChannels - ReplyLimits.ChannelsListed} more", reply.Message.Content);
        AssertDiscordAccepts(reply);
    }

    [Fact]
    public async Task Streak_in_a_server_with_many_daily_channels_fits_with_room_for_big_numbers()
    {
        ManySchedules();
        foreach (var channel in Enumerable.Range(0, 5).Select(i => LongestId - (ulong)i))
        {
            var open = _f.Post(StreakFixture.Start, channelId: channel);
            _f.Answer(open, LongestId, StreakFixture.Start.AddHours(1));
            // The longest deadline line: the next post is overdue.
            _f.Post(StreakFixture.Start.AddDays(1), channelId: channel);
        }
        _f.Time.Advance(TimeSpan.FromDays(3));
        for (var i = 0; i < 12; i++)
        {
            await _f.Answers.SaveAsync(new AnswerSubmission(TestData.GuildId, LongestId, TestData.ChannelId, $"P{i}", null, StreakFixture.LongText(), 0, StreakFixture.Start));
        }

        var reply = Run(new StreakCommand(_f.Ledger, _f.Streaks, _f.Answers, _f.Time), LongestId, Option("user", CommandOptionType.User, LongestId.ToString()));

        AssertDiscordAccepts(reply);
        // Five channels show five counters each; streaks and counts in the tens of thousands add at most 4 digits per counter.
        Assert.InRange(reply.Message!.Content!.Length, 0, ReplyLimits.Content - (5 * 5 * 4));
    }

    [Fact]
    public async Task Mydata_of_a_member_with_long_answers_in_many_channels_fits_and_echoes_no_markup()
    {
        var hostile = string.Concat(Enumerable.Repeat("@everyone **bold** <@&1> `code`\n", 125));
        for (var i = 0; i < ManyChannels; i++)
        {
            var occurrence = _f.Post(StreakFixture.Start, channelId: LongestId - (ulong)i, questionId: "T1");
            await _f.Answers.SaveAsync(new AnswerSubmission(TestData.GuildId, TestData.UserId, occurrence.ChannelId, "T1", occurrence.Id, hostile, 0, StreakFixture.Start.AddMinutes(i)));
        }

        var reply = await new MyDataCommand(_f.Answers, _f.Practice, _f.Learning, _f.Mocks, _f.PeerData).ExecuteAsync(new InteractionContext(TestData.Command("mydata")), default);

        AssertDiscordAccepts(reply);
        Assert.DoesNotContain("@everyone", reply.Message!.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("**bold**", reply.Message.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_hint_card_at_the_question_banks_limit_fits()
    {
        var followups = Enumerable.Range(1, 5).Select(i => $"Follow-up {i} " + new string('f', 280)).ToArray();
        var hints = Enumerable.Range(1, 4).Select(i => $"Hint {i} " + new string('h', 400)).ToList();
        var question = Question(new string('p', 300), hints, followups);
        // Grow the last hint until the card is exactly as long as the load-time rule allows.
        hints[^1] += new string('h', QuestionRules.EmbedDescriptionLimit - QuestionCards.LastHintLength(question));
        question = Question(new string('p', 300), hints, followups);
        Assert.Equal(QuestionRules.EmbedDescriptionLimit, QuestionCards.LastHintLength(question));
        var button = new HintButton(new QuestionBank([question]), new LitePracticeStore(BotDatabase.InMemory()), new FakeTimeProvider());

        var reply = await button.HandleAsync(new InteractionContext(TestData.Button($"hint:{question.Id}:{hints.Count}")), default);

        AssertDiscordAccepts(reply);
    }

    private static Question Question(string prompt, IReadOnlyList<string> hints, IReadOnlyList<string> followups) =>
        TestData.Question("ABCDEFGHIJKL", hints: hints.Count) with { Prompt = prompt, Hints = [.. hints], Followups = [.. followups] };
}
