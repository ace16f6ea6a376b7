using Microsoft.Extensions.DependencyInjection;
using MlePrep.Bot.Emulated;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Hosting;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Tests.EndToEnd;

/// <summary>The bot in Http interactions mode behind the emulator: signed POSTs in, initial responses as the bodies.</summary>
[Trait("Category", "EndToEnd")]
public sealed class HttpInteractionsFlowTests
{
    private const string Answer = "Data drift is a change in P(X); concept drift is a change in P(y|X). I would monitor PSI and KS per feature.";

    [Fact]
    public async Task Question_hint_answer_and_streak_work_over_http_and_the_bot_opens_no_gateway_connection()
    {
        await using var bot = await BotFixture.StartAsync(http: true);

        var (posted, question) = await bot.CommandAsync("question", new Dictionary<string, object> { ["id"] = "Q3" });
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, question.Type);
        var message = await posted.WaitForOriginalAsync().WaitAsync(BotFixture.Timeout);
        var (_, hint) = await bot.SendAsync(InteractionSpec.Button("hint:Q3:1", message.Id));
        Assert.True(BotFixture.IsEphemeral(hint));
        Assert.Contains("1. Data drift", (string)hint.Data!["embeds"]![0]!["description"]!);

        await bot.CommandAsync("daily", new Dictionary<string, object> { ["time"] = "06:00", ["timezone"] = "UTC" }, "set", admin: true);
        await bot.CommandAsync("daily", subcommand: "post", admin: true);
        var post = Assert.Single(bot.DailyPosts());
        var answerButton = post.Components![0].Components!.Single(b => b.Emoji?.Name == "✍️").CustomId!;
        var (_, modal) = await bot.SendAsync(InteractionSpec.Button(answerButton, post.Id).By(BotFixture.Member, "member100"));
        Assert.Equal(InteractionCallbackType.Modal, modal.Type);
        var inputId = (string)modal.Data!["components"]![0]!["component"]!["custom_id"]!;
        var (_, answered) = await bot.SendAsync(InteractionSpec.ModalSubmit((string)modal.Data["custom_id"]!, new Dictionary<string, string> { [inputId] = Answer },
            ModalShape.Label, post.Id).InGuild(bot.GuildId, bot.ChannelId).By(BotFixture.Member, "member100"));
        Assert.True(BotFixture.IsEphemeral(answered));
        var (_, streak) = await bot.CommandAsync("streak");
        Assert.Contains("Current streak: **1**", (string)streak.Data!["content"]!);

        // Every initial response came back as a body the callback checks accepted; none over the callback endpoint.
        // A POST's outcome is recorded just after its callback counts, so wait for the 7th (PINGs have no interaction id).
        var seen = 0;
        await bot.Emulator.HttpInteractions.WaitForDeliveryAsync(d => d.InteractionId != 0 && ++seen == 7).WaitAsync(BotFixture.Timeout);
        var deliveries = bot.Emulator.HttpInteractions.Deliveries.Where(d => d.InteractionId != 0).ToList();
        Assert.Equal(7, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal((200, "application/json", (string?)null), (d.Status, d.ContentType, d.Error)));
        Assert.DoesNotContain(bot.Discord.Requests, r => r.Route == "POST /interactions/{interaction_id}/{interaction_token}/callback");
        Assert.Equal(0, bot.Emulator.Gateway.IdentifyCount);
        Assert.Empty(bot.Emulator.Gateway.ConnectedUrls);
        Assert.DoesNotContain(bot.Discord.Requests, r => r.Path.StartsWith("/gateway", StringComparison.Ordinal));
        Assert.Contains(bot.Discord.Requests, r => r.Method == "PUT" && r.Path.EndsWith($"/guilds/{bot.GuildId}/commands", StringComparison.Ordinal) && r.Status == 200);
    }

    [Fact]
    public async Task Health_counts_the_listening_endpoint_as_the_way_interactions_arrive_and_not_once_it_stops()
    {
        await using var bot = await BotFixture.StartAsync(http: true);

        var readiness = Assert.Single(bot.Host.Services.GetServices<IInteractionsReadiness>());
        Assert.Equal(("http endpoint", true), (readiness.Source, readiness.IsReady));

        await bot.StopBotAsync();
        Assert.False(readiness.IsReady);
    }

    [Fact]
    public async Task A_reply_with_a_picture_is_a_private_defer_in_the_body_then_an_upload_to_the_original_response()
    {
        await using var bot = await BotFixture.StartAsync(http: true);

        var (stats, body) = await bot.CommandAsync("stats");

        // The POST's answer is JSON and cannot carry the PNG: "thinking…" privately, then the edit uploads it.
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, body.Type);
        Assert.True(BotFixture.IsEphemeral(body));
        var reply = await stats.WaitForOriginalAsync(m => m.Attachments.Count > 0).WaitAsync(BotFixture.Timeout);
        Assert.Equal("stats.png", Assert.Single(reply.Attachments).Filename);
        Assert.Contains(bot.Discord.Requests, r => r.Method == "PATCH" && r.Files.Count == 1 && r.Status == 200);
    }

    [Fact]
    public async Task Three_bots_behind_the_round_robin_each_serve_their_share()
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        var guild = emulator.Rest.AddGuild("Study server");
        var channel = emulator.Rest.AddChannel(guild, ChannelTypes.GuildText, "interview-prep");
        var bots = new List<EmulatedBot>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                // Each process its own LiteDB file: these interactions need no shared state.
                bots.Add(await EmulatedBot.StartAsync(emulator, guild, options: new EmulatedBotOptions { Settings = BotFixture.HttpSettings(emulator), Quiet = true }));
            }
            var endpoints = bots.Select(b => b.InteractionsEndpoint!).ToArray();
            await emulator.HttpInteractions.UseEndpointsAsync(endpoints);

            for (var i = 0; i < 6; i++)
            {
                var injected = await emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question").InGuild(guild, channel));
                Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, (await injected.Callback.WaitAsync(BotFixture.Timeout)).Type);
            }

            var seen = 0;
            await emulator.HttpInteractions.WaitForDeliveryAsync(d => d.InteractionId != 0 && ++seen == 6).WaitAsync(BotFixture.Timeout);
            var served = emulator.HttpInteractions.Deliveries.Where(d => d.InteractionId != 0).ToList();
            Assert.All(served, d => Assert.Null(d.Error));
            Assert.All(endpoints, url => Assert.Equal(2, served.Count(d => d.Url == url)));
            Assert.Equal(0, emulator.Gateway.IdentifyCount);
        }
        finally
        {
            foreach (var bot in bots)
            {
                await bot.DisposeAsync();
            }
        }
    }
}
