using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Practice;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Tests.EndToEnd;

/// <summary>/question, Hint and Another through the real host and the Discord emulator.</summary>
[Trait("Category", "EndToEnd")]
public sealed class QuestionFlowTests : IAsyncLifetime
{
    private BotFixture _bot = null!;

    public async Task InitializeAsync() => _bot = await BotFixture.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static JsonArray Buttons(JsonNode? data) => data!["components"]![0]!["components"]!.AsArray();

    private static IEnumerable<string> CustomIds(JsonNode? data) => Buttons(data).Select(b => (string)b!["custom_id"]!);

    [Fact]
    public void On_ready_the_registered_commands_are_exactly_the_handled_ones_and_pass_discords_validation()
    {
        var registration = _bot.Discord.Requests.Last(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal));
        Assert.Equal(200, registration.Status);
        Assert.Contains($"/guilds/{_bot.GuildId}/", registration.Path);

        var handled = _bot.Host.Services.CreateScope().ServiceProvider.GetServices<ISlashCommand>().Select(c => c.Definition.Name).Order();
        Assert.Equal(handled, _bot.Discord.Commands(_bot.GuildId).Select(c => c.Name).Order());
        Assert.Equal(["about", "daily", "help", "leaderboard", "mock", "mydata", "question", "review", "stats", "streak"], handled);
    }

    [Fact]
    public async Task A_topic_as_long_as_a_client_can_send_is_echoed_clipped_in_a_reply_discord_accepts()
    {
        // What the storm sent: Discord lets STRING options carry 6,000 characters unless the command says less.
        var topic = string.Concat(Enumerable.Repeat("`@everyone **x** ", 130))[..2067];

        var (_, reply) = await _bot.CommandAsync("question", new Dictionary<string, object> { ["topic"] = topic });

        Assert.True(BotFixture.IsEphemeral(reply));
        var content = (string)reply.Data!["content"]!;
        Assert.True(content.Length <= 2000, $"{content.Length} characters");
        Assert.Contains("…", content);
        Assert.All(_bot.Discord.Commands(_bot.GuildId).Single(c => c.Name == "question").Options!.Where(o => o.Type == MlePrep.Discord.Interactions.CommandOptionType.String && o.Choices is null),
            o => Assert.Equal(QuestionCommand.MaxTyped, o.MaxLength));
    }

    [Fact]
    public async Task Question_posts_publicly_with_an_embed_and_hint_answer_and_another_buttons()
    {
        var (_, reply) = await _bot.CommandAsync("question");

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.False(BotFixture.IsEphemeral(reply));
        var embed = reply.Data!["embeds"]![0]!;
        Assert.Matches(@"^[A-Z]+\d+ · ", (string)embed["title"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)embed["description"]));
        Assert.Equal(["💡", "✍️", "🎲"], Buttons(reply.Data).Select(b => (string)b!["emoji"]!["name"]!));
        Assert.Empty(reply.Data["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public async Task Question_by_id_shows_that_question_and_hint_then_next_hint_reveal_the_seed_hint_privately_one_rung_at_a_time()
    {
        var (posted, reply) = await _bot.CommandAsync("question", new Dictionary<string, object> { ["id"] = "Q3" });
        Assert.Equal("Q3 · Technical", (string)reply.Data!["embeds"]![0]!["title"]!);
        var message = await posted.WaitForOriginalAsync().WaitAsync(BotFixture.Timeout);

        var (_, hint) = await _bot.SendAsync(InteractionSpec.Button(CustomIds(reply.Data).First(), message.Id));

        Assert.True(BotFixture.IsEphemeral(hint));
        var card = (string)hint.Data!["embeds"]![0]!["description"]!;
        Assert.Contains("1. Data drift (input distribution change) vs concept drift (input→output relationship change).", card);
        Assert.DoesNotContain("\n2. ", card);
        var next = CustomIds(hint.Data).Single();
        Assert.Equal("hint:Q3:2", next);

        var hintCard = (await _bot.Discord.InjectInteractionAsync(InteractionSpec.Button(next, message.Id).InGuild(_bot.GuildId, _bot.ChannelId))).Callback;
        var second = await hintCard.WaitAsync(BotFixture.Timeout);
        Assert.Contains("\n2. ", (string)second.Data!["embeds"]![0]!["description"]!);
    }

    [Fact]
    public async Task Another_posts_a_different_question_with_the_same_filters()
    {
        var (posted, reply) = await _bot.CommandAsync("question", new Dictionary<string, object> { ["category"] = "behavioral" });
        var message = await posted.WaitForOriginalAsync().WaitAsync(BotFixture.Timeout);
        var another = CustomIds(reply.Data).Last();
        Assert.Equal("another:behavioral::", another);

        var (_, next) = await _bot.SendAsync(InteractionSpec.Button(another, message.Id));

        Assert.False(BotFixture.IsEphemeral(next));
        Assert.NotEqual((string)reply.Data!["embeds"]![0]!["title"]!, (string)next.Data!["embeds"]![0]!["title"]!);
        Assert.EndsWith("· Behavioral", (string)next.Data["embeds"]![0]!["title"]!);
    }

    [Fact]
    public async Task Filters_that_match_nothing_are_explained_privately()
    {
        var (_, reply) = await _bot.CommandAsync("question", new Dictionary<string, object> { ["topic"] = "astrology" });

        Assert.True(BotFixture.IsEphemeral(reply));
        Assert.StartsWith("`astrology` is not a topic", (string)reply.Data!["content"]!);
    }

    [Fact]
    public async Task A_stale_button_gets_a_polite_private_answer()
    {
        var (posted, _) = await _bot.CommandAsync("question");
        var message = await posted.WaitForOriginalAsync().WaitAsync(BotFixture.Timeout);

        var (_, reply) = await _bot.SendAsync(InteractionSpec.Button("hint:REMOVED9:1", message.Id));

        Assert.True(BotFixture.IsEphemeral(reply));
        Assert.Equal(StaleComponent.Message, (string)reply.Data!["content"]!);
    }

    [Fact]
    public async Task Id_autocomplete_suggests_at_most_25_questions_best_first()
    {
        var (_, reply) = await _bot.SendAsync(InteractionSpec.Autocomplete("question", "id", "drift"));

        Assert.Equal(InteractionCallbackType.AutocompleteResult, reply.Type);
        var choices = reply.Data!["choices"]!.AsArray();
        Assert.InRange(choices.Count, 1, 25);
        Assert.All(choices, c => Assert.Contains("drift", (string)c!["name"]!, StringComparison.OrdinalIgnoreCase));
    }
}
