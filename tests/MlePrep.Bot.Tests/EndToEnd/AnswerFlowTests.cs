using Microsoft.Extensions.Time.Testing;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Tests.EndToEnd;

/// <summary>Answering, streaks, the leaderboard and the live count through the real host and the emulator.</summary>
[Trait("Category", "EndToEnd")]
public sealed class AnswerFlowTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private BotFixture _bot = null!;

    public async Task InitializeAsync() => _bot = await BotFixture.StartAsync(_time);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private const string Answer = "Data drift is a change in P(X); concept drift is a change in P(y|X). I would monitor PSI and KS per feature.";

    /// <summary>Sets a daily schedule, posts today's question now, and returns the post.</summary>
    private async Task<Message> PostDailyAsync()
    {
        await _bot.CommandAsync("daily", new Dictionary<string, object> { ["time"] = "06:00", ["timezone"] = "UTC" }, "set", admin: true);
        var (_, posted) = await _bot.CommandAsync("daily", subcommand: "post", admin: true);
        Assert.Contains("Posted today's question", (string)posted.Data!["content"]!);
        return Assert.Single(_bot.DailyPosts());
    }

    private async Task<InteractionCallback> AnswerAsync(Message post, ulong userId, ModalShape shape, string text = Answer)
    {
        var answerButton = post.Components![0].Components!.Single(b => b.Emoji?.Name == "✍️").CustomId!;
        var (_, modal) = await _bot.SendAsync(InteractionSpec.Button(answerButton, post.Id).InGuild(_bot.GuildId, _bot.ChannelId).By(userId, $"m{userId % 100}"));
        Assert.Equal(InteractionCallbackType.Modal, modal.Type);
        var modalId = (string)modal.Data!["custom_id"]!;
        var inputId = (string)modal.Data["components"]![0]!["component"]!["custom_id"]!;
        var (_, reply) = await _bot.SendAsync(InteractionSpec.ModalSubmit(modalId, new Dictionary<string, string> { [inputId] = text }, shape, post.Id)
            .InGuild(_bot.GuildId, _bot.ChannelId).By(userId, $"m{userId % 100}"));
        return reply;
    }

    [Theory]
    [InlineData(ModalShape.Label)]
    [InlineData(ModalShape.ActionRow)]
    public async Task An_answer_in_either_modal_shape_is_confirmed_privately_with_the_answer_key_and_counts_for_the_streak(ModalShape shape)
    {
        var post = await PostDailyAsync();

        var reply = await AnswerAsync(post, BotFixture.Member, shape);

        Assert.True(BotFixture.IsEphemeral(reply));
        Assert.Contains("A strong answer covers", reply.Data!.ToJsonString());
        var (_, streak) = await _bot.CommandAsync("streak");
        Assert.Contains("Current streak: **1**", (string)streak.Data!["content"]!);
        Assert.Contains("Best streak: **1**", (string)streak.Data["content"]!);
    }

    [Fact]
    public async Task A_too_short_answer_is_refused_with_the_minimum()
    {
        var post = await PostDailyAsync();

        var reply = await AnswerAsync(post, BotFixture.Member, ModalShape.Label, "too short");

        Assert.True(BotFixture.IsEphemeral(reply));
        Assert.Contains("30", (string)reply.Data!["content"]!);
    }

    [Fact]
    public async Task The_leaderboard_lists_members_and_the_answer_count_edits_are_debounced()
    {
        var post = await PostDailyAsync();
        var members = new[] { BotFixture.Member, BotFixture.Member + 1, BotFixture.Member + 2 };
        foreach (var member in members)
        {
            await AnswerAsync(post, member, ModalShape.Label);
        }

        var (_, board) = await _bot.CommandAsync("leaderboard");
        Assert.All(members, m => Assert.Contains($"<@{m}>", (string)board.Data!["content"]!));

        _time.Advance(TimeSpan.FromSeconds(10));
        var edit = await _bot.Discord.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.EndsWith($"/messages/{post.Id}", StringComparison.Ordinal))
            .WaitAsync(BotFixture.Timeout);
        Assert.Contains("3 members answered", edit.Body!.ToJsonString());
        Assert.Single(_bot.Discord.Requests, r => r.Method == "PATCH" && r.Path.EndsWith($"/messages/{post.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_post_pinging_everyone_keeps_its_mention_through_the_answer_count_edits()
    {
        var set = EmulatorRest.WithEntityOptions(
            InteractionSpec.SlashCommand("daily", new Dictionary<string, object> { ["time"] = "06:00", ["timezone"] = "UTC" }, "set")
                .InGuild(_bot.GuildId, _bot.ChannelId, BotFixture.AdminPermissions),
            roles: new Dictionary<string, ulong> { ["ping_role"] = _bot.GuildId }); // @everyone's id is the server's
        var (_, reply) = await _bot.SendAsync(set);
        Assert.Contains("pings @everyone", (string)reply.Data!["content"]!);
        await _bot.CommandAsync("daily", subcommand: "post", admin: true);
        var post = Assert.Single(_bot.DailyPosts());
        Assert.Equal("@everyone", post.Content);
        var create = _bot.Discord.Requests.Single(r => r.Method == "POST" && r.Route == "POST /channels/{channel_id}/messages");
        Assert.Equal("[\"everyone\"]", create.Body!["allowed_mentions"]!["parse"]!.ToJsonString());

        await AnswerAsync(post, BotFixture.Member, ModalShape.Label);
        _time.Advance(TimeSpan.FromSeconds(10));
        var edit = await _bot.Discord.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.EndsWith($"/messages/{post.Id}", StringComparison.Ordinal))
            .WaitAsync(BotFixture.Timeout);

        Assert.Equal(200, edit.Status);
        Assert.False(((System.Text.Json.Nodes.JsonObject)edit.Body!).ContainsKey("content"));
        Assert.Equal("@everyone", Assert.Single(_bot.DailyPosts()).Content);
    }
}
