using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;
using MlePrep.Discord.Serialization;
using Moq;

namespace MlePrep.Discord.Tests.Emulator;

public sealed class InteractionEmulationTests
{
    private static async Task<(EmulatorHttp Http, InjectedInteraction Interaction)> StartWithAsync(Func<EmulatorHttp, InteractionSpec> spec,
        Action<Discord.Emulator.EmulatorOptions>? configure = null)
    {
        var http = await EmulatorHttp.StartAsync(configure);
        return (http, await http.Emulator.Rest.InjectInteractionAsync(spec(http)));
    }

    private static Task<EmulatorHttp.Answer> CallbackAsync(EmulatorHttp e, InjectedInteraction i, string json) =>
        e.SendAsync("POST", $"/interactions/{i.Id}/{i.Token}/callback", json, auth: false);

    [Fact]
    public async Task Injection_delivers_INTERACTION_CREATE_through_the_gateway_seam()
    {
        await using var e = await EmulatorHttp.StartAsync();
        var dispatcher = new Mock<IGatewayDispatcher>();
        dispatcher.Setup(d => d.DispatchAsync(It.IsAny<string>(), It.IsAny<string>())).Returns(Task.CompletedTask);
        e.Emulator.Rest.Dispatcher = dispatcher.Object;

        var injected = await e.Emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question").InGuild(e.GuildId, e.ChannelId));

        dispatcher.Verify(d => d.DispatchAsync("INTERACTION_CREATE", It.Is<string>(json => json.Contains(injected.Token, StringComparison.Ordinal))), Times.Once);
    }

    [Fact]
    public async Task A_guild_command_has_a_member_with_permissions_and_a_fresh_snowflake()
    {
        await using var e = await EmulatorHttp.StartAsync();

        var injected = await e.Emulator.Rest.InjectInteractionAsync(
            InteractionSpec.SlashCommand("daily", new Dictionary<string, object> { ["time"] = "09:00", ["count"] = 3L }, subcommand: "set")
                .InGuild(e.GuildId, e.ChannelId, permissions: "32"));

        var i = injected.Interaction;
        Assert.Equal(InteractionType.ApplicationCommand, i.Type);
        Assert.Equal(e.GuildId, i.GuildId);
        Assert.True(i.Member!.Has(DiscordPermissions.ManageGuild));
        var data = i.Data!;
        Assert.Equal(["set"], data.SubcommandPath());
        Assert.Equal("09:00", data.OptionText("time"));
        Assert.Equal("3", data.OptionText("count"));
        Assert.InRange(DateTimeOffset.UtcNow - i.CreatedAt, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Matches(@"^\d{17,20}$", JsonNode.Parse(injected.Json)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dm_command_has_a_user_and_no_member()
    {
        await using var e = await EmulatorHttp.StartAsync();

        var injected = await e.Emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question").InDm().By(42, "ana"));

        Assert.Null(injected.Interaction.Member);
        Assert.Equal("ana", injected.Interaction.Invoker.Username);
        Assert.Null(injected.Interaction.GuildId);
        Assert.Equal(1, injected.Interaction.Context);
    }

    [Theory]
    [InlineData(ModalShape.Label)]
    [InlineData(ModalShape.ActionRow)]
    public async Task Modal_submits_come_in_both_shapes(ModalShape shape)
    {
        await using var e = await EmulatorHttp.StartAsync();

        var injected = await e.Emulator.Rest.InjectInteractionAsync(
            InteractionSpec.ModalSubmit("answer:Q1", new Dictionary<string, string> { ["text"] = "my answer" }, shape).InGuild(e.GuildId, e.ChannelId));

        var data = injected.Interaction.Data!;
        Assert.Equal("my answer", data.ModalValues()["text"]);
        Assert.Equal(shape == ModalShape.Label ? 18 : 1, data.Components![0].Type);
    }

    [Fact]
    public async Task A_string_select_in_a_label_is_accepted_in_a_modal_and_its_pick_arrives_in_values()
    {
        var modal = new JsonObject
        {
            ["type"] = 9,
            ["data"] = new JsonObject
            {
                ["custom_id"] = "m", ["title"] = "t",
                ["components"] = new JsonArray(
                    JsonSerializer.SerializeToNode(Component.LabeledTextInput("L", "text", paragraph: true), DiscordJsonContext.Default.Component),
                    JsonSerializer.SerializeToNode(Component.LabeledSelect("Share?", "share", [new SelectOption("No", "private", Default: true), new SelectOption("Yes", "share")]),
                        DiscordJsonContext.Default.Component)),
            },
        }.ToJsonString();
        var (e, i) = await StartWithAsync(h => InteractionSpec.SlashCommand("answer").InGuild(h.GuildId, h.ChannelId));
        await using var _ = e;

        Assert.Equal(204, (await CallbackAsync(e, i, modal)).Status);
        var submit = await e.Emulator.Rest.InjectInteractionAsync(InteractionSpec.ModalSubmit("m", new Dictionary<string, string> { ["text"] = "my answer" },
            selects: new Dictionary<string, IReadOnlyList<string>> { ["share"] = ["share"] }).InGuild(e.GuildId, e.ChannelId));

        var select = submit.Interaction.Data!.Components![0].Component!;
        Assert.Equal((3, "share"), (select.Type, select.CustomId));
        Assert.Equal(["share"], select.Values);
        Assert.Equal("share", submit.Interaction.Data.ModalValues()["share"]);
        Assert.Equal("my answer", submit.Interaction.Data.ModalValues()["text"]);
    }

    [Fact]
    public async Task Autocomplete_marks_the_focused_option_and_accepts_25_choices_but_not_26()
    {
        var (e, i) = await StartWithAsync(h => InteractionSpec.Autocomplete("daily", "timezone", "Europe/B", subcommand: "set").InGuild(h.GuildId, h.ChannelId));
        await using var _ = e;
        var (e2, i2) = await StartWithAsync(h => InteractionSpec.Autocomplete("daily", "timezone", "Eu").InGuild(h.GuildId, h.ChannelId));
        await using var __ = e2;
        string Choices(int n) => new JsonObject
        {
            ["type"] = 8,
            ["data"] = new JsonObject { ["choices"] = new JsonArray([.. Enumerable.Range(0, n).Select(k => (JsonNode)new JsonObject { ["name"] = $"Zone {k}", ["value"] = $"z{k}" })]) },
        }.ToJsonString();

        Assert.Equal("timezone", i.Interaction.Data!.FocusedOption()!.Name);
        Assert.Equal(204, (await CallbackAsync(e, i, Choices(25))).Status);
        (await CallbackAsync(e2, i2, Choices(26))).AssertFormError("data.choices");
    }

    [Fact]
    public async Task A_callback_after_the_deadline_is_10062()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (e, i) = await StartWithAsync(h => InteractionSpec.SlashCommand("question").InGuild(h.GuildId, h.ChannelId), o => o.TimeProvider = time);
        await using var _ = e;

        time.Advance(TimeSpan.FromSeconds(3.1));
        var answer = await CallbackAsync(e, i, """{"type":5}""");

        Assert.Equal((404, 10062), (answer.Status, answer.Code));
        Assert.False(i.Callback.IsCompleted);
    }

    [Fact]
    public async Task An_unknown_interaction_is_10062()
    {
        await using var e = await EmulatorHttp.StartAsync();

        var answer = await e.SendAsync("POST", "/interactions/1234567890123456789/nope/callback", """{"type":5}""", auth: false);

        Assert.Equal((404, 10062), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task A_second_callback_is_40060()
    {
        var (e, i) = await StartWithAsync(h => InteractionSpec.SlashCommand("question").InGuild(h.GuildId, h.ChannelId));
        await using var _ = e;

        var first = await CallbackAsync(e, i, """{"type":4,"data":{"content":"hi"}}""");
        var second = await CallbackAsync(e, i, """{"type":4,"data":{"content":"hi"}}""");

        Assert.Equal(204, first.Status);
        Assert.Equal((400, 40060), (second.Status, second.Code));
        var callback = await i.Callback;
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, callback.Type);
        Assert.Equal("hi", (await i.WaitForOriginalAsync()).Content);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(1)]
    public async Task Callback_types_that_do_not_fit_a_slash_command_are_400(int type)
    {
        var (e, i) = await StartWithAsync(h => InteractionSpec.SlashCommand("question").InGuild(h.GuildId, h.ChannelId));
        await using var _ = e;

        var answer = await CallbackAsync(e, i, $$$"""{"type":{{{type}}},"data":{"content":"x"}}""");

        answer.AssertFormError("type");
    }

    [Fact]
    public async Task An_empty_message_callback_is_50006()
    {
        var (e, i) = await StartWithAsync(h => InteractionSpec.SlashCommand("question").InGuild(h.GuildId, h.ChannelId));
        await using var _ = e;

        var answer = await CallbackAsync(e, i, """{"type":4,"data":{"content":""}}""");

        Assert.Equal((400, 50006), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task A_button_click_can_update_its_message()
    {
        await using var e = await EmulatorHttp.StartAsync();
        var posted = await e.PostMessageAsync("""{"content":"Q1","components":[{"type":1,"components":[{"type":2,"style":1,"label":"Answer","custom_id":"answer:Q1"}]}]}""");
        var messageId = ulong.Parse(posted.Body!["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var i = await e.Emulator.Rest.InjectInteractionAsync(InteractionSpec.Button("answer:Q1", messageId).InGuild(e.GuildId, e.ChannelId));

        var answer = await CallbackAsync(e, i, """{"type":7,"data":{"content":"Q1 (answered)","components":[]}}""");

        Assert.Equal(204, answer.Status);
        Assert.Equal(messageId, i.Interaction.Message!.Id);
        Assert.Equal("answer:Q1", i.Interaction.Data!.CustomId);
        var updated = await e.Emulator.Rest.WaitForMessageAsync(e.ChannelId, m => m.Id == messageId && m.Content == "Q1 (answered)");
        Assert.NotNull(updated.EditedTimestamp);
    }

    [Theory]
    [InlineData("""{"custom_id":"m","title":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","components":[{"type":18,"label":"L","component":{"type":4,"custom_id":"a","style":1}}]}""", "data.title")]
    [InlineData("""{"custom_id":"m","title":"t","components":[]}""", "data.components")]
    [InlineData("""{"custom_id":"m","title":"t","components":[{"type":1,"components":[{"type":4,"custom_id":"a","style":1,"min_length":4001}]}]}""", "data.components.0.components.0.min_length")]
    [InlineData("""{"custom_id":"m","title":"t","components":[{"type":18,"label":"L","component":{"type":4,"custom_id":"a","style":1,"max_length":0}}]}""", "data.components.0.component.max_length")]
    [InlineData("""{"custom_id":"","title":"t","components":[{"type":18,"label":"L","component":{"type":4,"custom_id":"a","style":1}}]}""", "data.custom_id")]
    [InlineData("""{"custom_id":"m","title":"t","components":[{"type":18,"label":"L","component":{"type":3,"custom_id":"s","options":[]}}]}""", "data.components.0.component.options")]
    [InlineData("""{"custom_id":"m","title":"t","components":[{"type":18,"label":"L","component":{"type":3,"custom_id":"s","options":[{"label":"","value":"a"}]}}]}""", "data.components.0.component.options.0.label")]
    [InlineData("""{"custom_id":"m","title":"t","components":[{"type":18,"label":"L","component":{"type":3,"custom_id":"s","options":[{"label":"A","value":"a"},{"label":"B","value":"a"}]}}]}""", "data.components.0.component.options.1.value")]
    [InlineData("""{"custom_id":"m","title":"t","components":[{"type":18,"label":"L","component":{"type":3,"custom_id":"s","max_values":0,"options":[{"label":"A","value":"a"}]}}]}""", "data.components.0.component.max_values")]
    [InlineData("""{"custom_id":"m","title":"t","components":[{"type":18,"label":"L","component":{"type":3,"custom_id":"s","options":[{"label":"A","value":"a","default":true},{"label":"B","value":"b","default":true}]}}]}""", "data.components.0.component.options")]
    public async Task Modal_limits_are_rejected(string data, string path)
    {
        var (e, i) = await StartWithAsync(h => InteractionSpec.SlashCommand("answer").InGuild(h.GuildId, h.ChannelId));
        await using var _ = e;

        var answer = await CallbackAsync(e, i, $$$"""{"type":9,"data":{{{data}}}}""");

        answer.AssertFormError(path);
    }

    [Fact]
    public async Task Six_modal_components_are_rejected_and_five_accepted()
    {
        string Modal(int n) => new JsonObject
        {
            ["type"] = 9,
            ["data"] = new JsonObject
            {
                ["custom_id"] = "m", ["title"] = "t",
                ["components"] = new JsonArray([.. Enumerable.Range(0, n).Select(k => (JsonNode)JsonSerializer.SerializeToNode(Component.LabeledTextInput("L", $"in{k}", paragraph: false), DiscordJsonContext.Default.Component)!)]),
            },
        }.ToJsonString();
        var (e, i) = await StartWithAsync(h => InteractionSpec.SlashCommand("answer").InGuild(h.GuildId, h.ChannelId));
        await using var _ = e;
        var j = await e.Emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("answer").InGuild(e.GuildId, e.ChannelId));

        (await CallbackAsync(e, i, Modal(6))).AssertFormError("data.components");
        Assert.Equal(204, (await CallbackAsync(e, j, Modal(5))).Status);
        Assert.Equal(InteractionCallbackType.Modal, (await j.Callback).Type);
    }

    [Fact]
    public async Task Follow_ups_need_an_acknowledged_interaction_and_the_token_expires_after_15_minutes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (e, i) = await StartWithAsync(h => InteractionSpec.SlashCommand("question").InGuild(h.GuildId, h.ChannelId), o => o.TimeProvider = time);
        await using var _ = e;
        var followupPath = $"/webhooks/{e.AppId}/{i.Token}?wait=true";

        var early = await e.SendAsync("POST", followupPath, """{"content":"x"}""", auth: false);
        await CallbackAsync(e, i, """{"type":5}""");
        var edit = await e.SendAsync("PATCH", $"/webhooks/{e.AppId}/{i.Token}/messages/@original", """{"content":"done"}""", auth: false);
        var followup = await e.SendAsync("POST", followupPath, """{"content":"more"}""", auth: false);
        time.Advance(TimeSpan.FromMinutes(16));
        var late = await e.SendAsync("POST", followupPath, """{"content":"late"}""", auth: false);

        Assert.Equal((404, 10015), (early.Status, early.Code));
        Assert.Equal(200, edit.Status);
        Assert.Equal("done", (await i.WaitForOriginalAsync(m => m.Content == "done")).Content);
        Assert.Equal(200, followup.Status);
        Assert.Equal("more", (await i.WaitForFollowupAsync()).Content);
        Assert.Equal((401, 50027), (late.Status, late.Code));
    }
}
