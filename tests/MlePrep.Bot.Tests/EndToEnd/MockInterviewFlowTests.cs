using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.MockInterviews;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Tests.EndToEnd;

/// <summary>/mock through the real host and the emulator, on a moved clock: a private thread, time boxes, the summary, a restart.</summary>
[Trait("Category", "EndToEnd")]
public sealed class MockInterviewFlowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2028, 3, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A 20-minute generalist session asks 3 questions: 6 min 40 s each.</summary>
    private static readonly TimeSpan Box = TimeSpan.FromSeconds(400);

    private readonly FakeTimeProvider _time = new(Start);
    private BotFixture _bot = null!;

    public async Task InitializeAsync() => _bot = await BotFixture.StartAsync(_time);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<Message> ReplyAsync(InteractionSpec spec, ulong channelId)
    {
        var (interaction, _) = await _bot.SendAsync(spec.InGuild(_bot.GuildId, channelId).By(BotFixture.Member, "member"));
        return await interaction.WaitForOriginalAsync(m => !string.IsNullOrEmpty(m.Content) || m.Embeds.Count > 0).WaitAsync(BotFixture.Timeout);
    }

    private async Task<(ulong Thread, Message Reply)> StartAsync()
    {
        var reply = await ReplyAsync(InteractionSpec.SlashCommand("mock", new Dictionary<string, object> { ["track"] = "generalist", ["length"] = "20" }, "start"), _bot.ChannelId);
        var (thread, type, _) = Assert.Single(_bot.Discord.Threads(_bot.ChannelId));
        Assert.Equal(ChannelTypes.PrivateThread, type);
        return (thread, reply);
    }

    private Task<Message> QuestionCardAsync(ulong thread, int number) =>
        _bot.Discord.WaitForMessageAsync(thread, m => m.Content.Contains($"**Question {number} of 3**", StringComparison.Ordinal)).WaitAsync(BotFixture.Timeout);

    private static string ButtonId(Message message, string prefix) =>
        message.Components!.SelectMany(r => r.Components!).Select(c => c.CustomId).OfType<string>().First(id => id.StartsWith(prefix, StringComparison.Ordinal));

    private static string QuestionOf(Message card) => ButtonId(card, "answer:")["answer:".Length..];

    private async Task<Message> AnswerAsync(ulong thread, Message card)
    {
        var (_, modal) = await _bot.SendAsync(InteractionSpec.Button(ButtonId(card, "answer:"), card.Id).InGuild(_bot.GuildId, thread).By(BotFixture.Member, "member"));
        var inputId = (string)modal.Data!["components"]![0]!["component"]!["custom_id"]!;
        return await ReplyAsync(InteractionSpec.ModalSubmit((string)modal.Data["custom_id"]!,
            new Dictionary<string, string> { [inputId] = "Start from the data, then the model, then the evaluation and the monitoring in production." }, messageId: card.Id), thread);
    }

    private MockSession Session() => Assert.Single(_bot.Service<IMockStore>().OfAsync(BotFixture.Member).AsTask().Result);

    [Fact]
    public async Task A_generalist_20_session_answered_timed_out_and_skipped_ends_with_the_right_summary()
    {
        var (thread, started) = await StartAsync();
        Assert.Contains($"<#{thread}>", started.Content);
        Assert.True(((started.Flags ?? 0) & MessageFlags.Ephemeral) != 0);
        Assert.Contains(BotFixture.Member, _bot.Discord.ThreadMembers(thread));

        // Question 1: its box on a relative timestamp; a hint, then an answer 2 minutes in.
        var first = await QuestionCardAsync(thread, 1);
        Assert.Contains($"<t:{(Start + Box).ToUnixTimeSeconds()}:R>", first.Content);
        await ReplyAsync(InteractionSpec.Button(ButtonId(first, "hint:"), first.Id), thread);
        _time.Advance(TimeSpan.FromMinutes(2));
        var saved = await AnswerAsync(thread, first);
        Assert.Contains("Saved your answer", saved.Content);
        Assert.Contains("next question is in the thread", saved.Content);

        // Question 2 runs out: question 3 comes on its own, its box starting where the last one ended.
        var second = await QuestionCardAsync(thread, 2);
        _time.Advance(Box);
        var third = await QuestionCardAsync(thread, 3);
        Assert.Contains("Time's up on question 2", third.Content);
        Assert.Contains($"<t:{(Start + TimeSpan.FromMinutes(2) + Box + Box).ToUnixTimeSeconds()}:R>", third.Content);

        // Question 3 skipped: the summary.
        _time.Advance(TimeSpan.FromSeconds(30));
        var skipped = await ReplyAsync(InteractionSpec.Button(ButtonId(third, "mockskip:"), third.Id), thread);
        Assert.Contains("Skipped question 3", skipped.Content);
        var summary = await _bot.Discord.WaitForMessageAsync(thread, m => m.Content.Contains("Mock interview over", StringComparison.Ordinal)).WaitAsync(BotFixture.Timeout);

        Assert.Contains("1 answered · 1 timed out · 1 skipped", summary.Content);
        Assert.Equal(3, summary.Embeds.Count);
        Assert.Contains($"{QuestionOf(first)} ·", summary.Embeds[0].Title);
        Assert.Contains("✅ answered", summary.Embeds[0].Title);
        Assert.StartsWith("⏱️ 2 min of 6 min 40 s · 💡 1 hint used", summary.Embeds[0].Description);
        Assert.Contains("A strong answer covers", summary.Embeds[0].Description);
        Assert.Contains("⏰ timed out", summary.Embeds[1].Title);
        Assert.StartsWith("⏱️ 6 min 40 s of 6 min 40 s · 💡 no hints", summary.Embeds[1].Description);
        Assert.Contains("⏭️ skipped", summary.Embeds[2].Title);
        Assert.StartsWith("⏱️ 30 s of 6 min 40 s", summary.Embeds[2].Description);
        Assert.Equal(new[] { QuestionOf(first), QuestionOf(second), QuestionOf(third) }.Select(q => $"selfgrade:{q}"),
            summary.Components!.SelectMany(r => r.Components!).Select(c => c.CustomId));

        var session = Session();
        Assert.Equal(MockStatus.Finished, session.Status);
        Assert.Equal([MockOutcome.Answered, MockOutcome.TimedOut, MockOutcome.Skipped], session.Items.Select(i => i.Outcome));
        // The mix: a technical, a system-design and a behavioral question.
        Assert.Equal(["technical", "system-design", "behavioral"], session.Items.Select(i => _bot.Service<QuestionBank>().Find(i.QuestionId)!.Category));
    }

    [Fact]
    public async Task A_restart_mid_session_resumes_it_and_a_box_that_ran_out_meanwhile_ends_at_its_deadline()
    {
        var (thread, _) = await StartAsync();
        var first = await QuestionCardAsync(thread, 1);
        _time.Advance(TimeSpan.FromMinutes(1));
        await AnswerAsync(thread, first);
        await QuestionCardAsync(thread, 2);

        await _bot.StopBotAsync();
        _time.Advance(Box);
        await _bot.StartBotAsync(_time);

        var third = await QuestionCardAsync(thread, 3);
        Assert.Contains("Time's up on question 2", third.Content);
        Assert.Contains($"<t:{(Start + TimeSpan.FromMinutes(1) + Box + Box).ToUnixTimeSeconds()}:R>", third.Content);
        var saved = await AnswerAsync(thread, third);
        Assert.Contains("summary is in the thread", saved.Content);
        Assert.Equal([MockOutcome.Answered, MockOutcome.TimedOut, MockOutcome.Answered], Session().Items.Select(i => i.Outcome));
    }

    [Fact]
    public async Task A_box_whose_timer_went_with_another_process_is_ended_here_once_overdue_at_its_deadline()
    {
        var (thread, _) = await StartAsync();
        await QuestionCardAsync(thread, 1);
        // As if the process that started the session and holds its timer were gone: only the store knows the session.
        _bot.Service<MockSessions>().Dispose();

        // At the deadline the timer's own process would end it: not yet here.
        _time.Advance(Box);
        await Task.Delay(200);
        Assert.Equal(0, Session().Current);

        _time.Advance(TimeSpan.FromMinutes(1));
        var second = await QuestionCardAsync(thread, 2);
        Assert.Contains("Time's up on question 1", second.Content);
        Assert.Contains($"<t:{(Start + Box + Box).ToUnixTimeSeconds()}:R>", second.Content);
        Assert.Equal([MockOutcome.TimedOut, MockOutcome.Pending, MockOutcome.Pending], Session().Items.Select(i => i.Outcome));
        Assert.Single(_bot.Discord.Messages(thread), m => m.Content.Contains("**Question 2 of 3**", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_running_session_per_member_and_stop_ends_it_with_its_summary()
    {
        var (thread, _) = await StartAsync();
        await QuestionCardAsync(thread, 1);

        var again = await ReplyAsync(InteractionSpec.SlashCommand("mock", subcommand: "start"), _bot.ChannelId);
        Assert.Contains($"already have a mock interview running in <#{thread}>", again.Content);
        Assert.Single(_bot.Discord.Threads(_bot.ChannelId));

        var stopped = await ReplyAsync(InteractionSpec.SlashCommand("mock", subcommand: "stop"), _bot.ChannelId);
        Assert.Contains("Stopped your mock interview", stopped.Content);
        var summary = await _bot.Discord.WaitForMessageAsync(thread, m => m.Content.Contains("Mock interview stopped", StringComparison.Ordinal)).WaitAsync(BotFixture.Timeout);
        Assert.Contains("2 not reached", summary.Content);
        Assert.Equal(MockStatus.Stopped, Session().Status);
    }

    [Fact]
    public async Task Without_the_private_thread_permission_it_runs_in_private_replies_and_says_why()
    {
        // Deny Create Private Threads to @everyone (the bot's only role) in this channel.
        _bot.Discord.SetOverwrite(_bot.ChannelId, _bot.GuildId, 0, 0, DiscordPermissions.CreatePrivateThreads);

        var reply = await ReplyAsync(InteractionSpec.SlashCommand("mock", subcommand: "start"), _bot.ChannelId);

        Assert.Empty(_bot.Discord.Threads(_bot.ChannelId));
        Assert.True(((reply.Flags ?? 0) & MessageFlags.Ephemeral) != 0);
        Assert.Contains("Create Private Threads", reply.Content);
        Assert.Contains("**Question 1 of 3**", reply.Content);
        var answered = await AnswerAsync(_bot.ChannelId, reply);
        Assert.Contains("**Question 2 of 3**", answered.Content);
        Assert.Null(Session().ThreadId);
    }

    [Fact]
    public async Task In_an_announcement_channel_it_runs_in_private_replies_and_says_why()
    {
        var news = _bot.Discord.AddChannel(_bot.GuildId, ChannelTypes.GuildAnnouncement, "news");

        var reply = await ReplyAsync(InteractionSpec.SlashCommand("mock", new Dictionary<string, object> { ["track"] = "behavioral" }, "start"), news);

        Assert.Contains("only in text channels", reply.Content);
        Assert.Contains("**Question 1 of 3**", reply.Content);
        Assert.Empty(_bot.Discord.Threads(news));
        Assert.Equal(("behavioral", (ulong?)null), (Session().Track, Session().ThreadId));
    }
}
