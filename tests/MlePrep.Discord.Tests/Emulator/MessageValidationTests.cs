using System.Text.Json.Nodes;
using MlePrep.Discord.Emulator.Rest;

namespace MlePrep.Discord.Tests.Emulator;

public sealed class MessageValidationTests
{
    private static string S(int length) => new('x', length);

    private static JsonObject Button(string? customId, int style = 1, string label = "Go", string? url = null)
    {
        var button = new JsonObject { ["type"] = 2, ["style"] = style, ["label"] = label };
        if (customId is not null)
        {
            button["custom_id"] = customId;
        }
        if (url is not null)
        {
            button["url"] = url;
        }
        return button;
    }

    private static string Row(params JsonObject[] buttons) =>
        new JsonObject { ["content"] = "x", ["components"] = new JsonArray(new JsonObject { ["type"] = 1, ["components"] = new JsonArray(buttons) }) }.ToJsonString();

    private static string Embed(JsonObject embed) => new JsonObject { ["embeds"] = new JsonArray(embed) }.ToJsonString();

    private static readonly Dictionary<string, (string Json, string Path)> Cases = new()
    {
        ["content over 2000"] = ($$"""{"content":"{{S(2001)}}"}""", "content"),
        ["11 embeds"] = (new JsonObject { ["embeds"] = new JsonArray([.. Enumerable.Range(0, 11).Select(_ => (JsonNode)new JsonObject { ["title"] = "t" })]) }.ToJsonString(), "embeds"),
        ["embed title 257"] = (Embed(new() { ["title"] = S(257) }), "embeds.0.title"),
        ["embed description 4097"] = (Embed(new() { ["description"] = S(4097) }), "embeds.0.description"),
        ["26 embed fields"] = (Embed(new() { ["fields"] = new JsonArray([.. Enumerable.Range(0, 26).Select(_ => (JsonNode)new JsonObject { ["name"] = "n", ["value"] = "v" })]) }), "embeds.0.fields"),
        ["field name 257"] = (Embed(new() { ["fields"] = new JsonArray(new JsonObject { ["name"] = S(257), ["value"] = "v" }) }), "embeds.0.fields.0.name"),
        ["field value 1025"] = (Embed(new() { ["fields"] = new JsonArray(new JsonObject { ["name"] = "n", ["value"] = S(1025) }) }), "embeds.0.fields.0.value"),
        ["empty field name"] = (Embed(new() { ["fields"] = new JsonArray(new JsonObject { ["name"] = "", ["value"] = "v" }) }), "embeds.0.fields.0.name"),
        ["empty field value"] = (Embed(new() { ["fields"] = new JsonArray(new JsonObject { ["name"] = "n", ["value"] = "" }) }), "embeds.0.fields.0.value"),
        ["footer 2049"] = (Embed(new() { ["footer"] = new JsonObject { ["text"] = S(2049) } }), "embeds.0.footer.text"),
        ["author 257"] = (Embed(new() { ["author"] = new JsonObject { ["name"] = S(257) } }), "embeds.0.author.name"),
        ["embeds total over 6000"] = (new JsonObject { ["embeds"] = new JsonArray(new JsonObject { ["description"] = S(4000) }, new JsonObject { ["description"] = S(2001) }) }.ToJsonString(), "embeds"),
        ["6 action rows"] = (new JsonObject
        {
            ["content"] = "x",
            ["components"] = new JsonArray([.. Enumerable.Range(0, 6).Select(i => (JsonNode)new JsonObject { ["type"] = 1, ["components"] = new JsonArray(Button($"b{i}")) })]),
        }.ToJsonString(), "components"),
        ["6 buttons in a row"] = (Row([.. Enumerable.Range(0, 6).Select(i => Button($"b{i}"))]), "components.0.components"),
        ["button label 81"] = (Row(Button("a", label: S(81))), "components.0.components.0.label"),
        ["custom_id 101"] = (Row(Button(S(101))), "components.0.components.0.custom_id"),
        ["empty custom_id"] = (Row(Button("")), "components.0.components.0.custom_id"),
        ["duplicate custom_id"] = (Row(Button("same"), Button("same")), "components.0.components.1.custom_id"),
        ["link button without url"] = (Row(Button(null, style: 5)), "components.0.components.0.url"),
        ["link button with custom_id"] = (Row(Button("a", style: 5, url: "https://example.test")), "components.0.components.0.custom_id"),
        ["button without custom_id"] = (Row(Button(null)), "components.0.components.0.custom_id"),
        ["button with url"] = (Row(Button("a", url: "https://example.test")), "components.0.components.0.url"),
        ["nonce 26"] = ($$"""{"content":"x","nonce":"{{S(26)}}"}""", "nonce"),
        ["ephemeral channel message"] = ("""{"content":"x","flags":64}""", "flags"),
        ["unknown mention type"] = ("""{"content":"x","allowed_mentions":{"parse":["bogus"]}}""", "allowed_mentions.parse.0"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Each_message_limit_is_rejected_with_50035(string name)
    {
        await using var e = await EmulatorHttp.StartAsync();
        var (json, path) = Cases[name];

        var answer = await e.PostMessageAsync(json);

        answer.AssertFormError(path);
        Assert.Empty(e.Emulator.Rest.Messages(e.ChannelId));
    }

    [Fact]
    public async Task A_message_at_every_limit_is_accepted()
    {
        await using var e = await EmulatorHttp.StartAsync();
        var json = new JsonObject
        {
            ["content"] = S(2000),
            ["nonce"] = S(25),
            ["embeds"] = new JsonArray(new JsonObject
            {
                ["title"] = S(256), ["description"] = S(4096), ["author"] = new JsonObject { ["name"] = S(256) },
                ["fields"] = new JsonArray([.. Enumerable.Range(0, 25).Select(_ => (JsonNode)new JsonObject { ["name"] = "n", ["value"] = "v" })]),
            }),
            ["components"] = new JsonArray([.. Enumerable.Range(0, 5).Select(r => (JsonNode)new JsonObject
            {
                ["type"] = 1, ["components"] = new JsonArray([.. Enumerable.Range(0, 5).Select(b => (JsonNode)Button($"{r}-{b}-{S(90)}", label: S(80)))]),
            })]),
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
        };

        var answer = await e.PostMessageAsync(json.ToJsonString());

        Assert.Equal(200, answer.Status);
        foreach (var field in new[] { "id", "channel_id", "author", "content", "timestamp", "edited_timestamp", "tts", "mention_everyone", "mentions", "mention_roles", "attachments", "embeds", "pinned", "type" })
        {
            Assert.True(answer.Body!.AsObject().ContainsKey(field), field);
        }
    }

    [Fact]
    public async Task An_empty_message_is_50006()
    {
        await using var e = await EmulatorHttp.StartAsync();

        var answer = await e.PostMessageAsync("""{"content":"","embeds":[]}""");

        Assert.Equal((400, 50006), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task A_reply_needs_its_message_in_the_channel_unless_fail_if_not_exists_is_false()
    {
        await using var e = await EmulatorHttp.StartAsync();
        var post = await e.PostMessageAsync("""{"content":"question"}""");
        var postId = post.Body!["id"]!.GetValue<string>();

        var reply = await e.PostMessageAsync($$$"""{"content":"answer","message_reference":{"message_id":"{{{postId}}}"}}""");
        var unknown = await e.PostMessageAsync("""{"content":"answer","message_reference":{"message_id":"123"}}""");
        var lenient = await e.PostMessageAsync("""{"content":"answer","message_reference":{"message_id":"123","fail_if_not_exists":false}}""");

        Assert.Equal(200, reply.Status);
        Assert.Equal(19, reply.Body!["type"]!.GetValue<int>());
        Assert.Equal(postId, reply.Body["message_reference"]!["message_id"]!.GetValue<string>());
        unknown.AssertFormError("message_reference");
        Assert.Equal((200, 0), (lenient.Status, lenient.Body!["type"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_bot_deletes_its_own_message_once_and_then_it_is_unknown()
    {
        await using var e = await EmulatorHttp.StartAsync();
        var post = await e.PostMessageAsync("""{"content":"x"}""");
        var path = $"/channels/{e.ChannelId}/messages/{post.Body!["id"]!.GetValue<string>()}";

        var deleted = await e.SendAsync("DELETE", path, null);
        var again = await e.SendAsync("DELETE", path, null);

        Assert.Equal(204, deleted.Status);
        Assert.Equal((404, 10008), (again.Status, again.Code));
        Assert.Empty(e.Emulator.Rest.Messages(e.ChannelId));
    }

    [Fact]
    public async Task A_thread_on_a_message_needs_create_public_threads()
    {
        await using var e = await EmulatorHttp.StartAsync();
        var post = await e.PostMessageAsync("""{"content":"x"}""");
        e.Emulator.Rest.SetOverwrite(e.ChannelId, e.GuildId, 0, allow: 0, deny: MlePrep.Discord.Interactions.DiscordPermissions.CreatePublicThreads);

        var refused = await e.SendAsync("POST", $"/channels/{e.ChannelId}/messages/{post.Body!["id"]!.GetValue<string>()}/threads", """{"name":"answers"}""");

        Assert.Equal((403, 50013), (refused.Status, refused.Code));
    }

    [Fact]
    public async Task Unknown_channel_is_404_10003()
    {
        await using var e = await EmulatorHttp.StartAsync();

        var answer = await e.PostMessageAsync("""{"content":"x"}""", channelId: 1234567890123456789);

        Assert.Equal((404, 10003), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task A_removed_channel_is_404_10003()
    {
        await using var e = await EmulatorHttp.StartAsync();
        e.Emulator.Rest.RemoveChannel(e.ChannelId);

        var answer = await e.PostMessageAsync("""{"content":"x"}""");

        Assert.Equal((404, 10003), (answer.Status, answer.Code));
    }

    [Theory]
    [InlineData(ChannelAccess.MissingPermissions, 50013)]
    [InlineData(ChannelAccess.MissingAccess, 50001)]
    public async Task Channel_access_switches_answer_403(ChannelAccess access, int code)
    {
        await using var e = await EmulatorHttp.StartAsync();
        e.Emulator.Rest.SetChannelAccess(e.ChannelId, access);

        var answer = await e.PostMessageAsync("""{"content":"x"}""");

        Assert.Equal((403, code), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task Missing_bot_token_is_401_with_code_0()
    {
        await using var e = await EmulatorHttp.StartAsync();

        var answer = await e.SendAsync("POST", $"/channels/{e.ChannelId}/messages", """{"content":"x"}""", auth: false);

        Assert.Equal(401, answer.Status);
        Assert.Equal("""{"message":"401: Unauthorized","code":0}""", answer.Body!.ToJsonString());
    }

    [Fact]
    public async Task A_user_agent_without_DiscordBot_is_refused()
    {
        await using var e = await EmulatorHttp.StartAsync();

        var answer = await e.SendAsync("POST", $"/channels/{e.ChannelId}/messages", """{"content":"x"}""", userAgent: "curl/8.0");

        Assert.Equal(400, answer.Status);
    }

    [Fact]
    public async Task A_body_that_is_not_application_json_is_50035()
    {
        await using var e = await EmulatorHttp.StartAsync();

        var answer = await e.SendAsync("POST", $"/channels/{e.ChannelId}/messages", """{"content":"x"}""", contentType: "text/plain");

        Assert.Equal((400, 50035), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task The_same_enforced_nonce_returns_the_earlier_message()
    {
        await using var e = await EmulatorHttp.StartAsync();

        var first = await e.PostMessageAsync("""{"content":"daily","nonce":"d-1","enforce_nonce":true}""");
        var second = await e.PostMessageAsync("""{"content":"daily","nonce":"d-1","enforce_nonce":true}""");
        var unenforced = await e.PostMessageAsync("""{"content":"daily","nonce":"d-1"}""");

        Assert.Equal(first.Body!["id"]!.GetValue<string>(), second.Body!["id"]!.GetValue<string>());
        Assert.NotEqual(first.Body["id"]!.GetValue<string>(), unenforced.Body!["id"]!.GetValue<string>());
        Assert.Equal(2, e.Emulator.Rest.Messages(e.ChannelId).Count);
    }

    [Fact]
    public async Task Every_response_carries_rate_limit_headers_and_an_empty_bucket_answers_429()
    {
        await using var e = await EmulatorHttp.StartAsync(o => o.MessagesPerWindow = 2);

        var answers = new List<EmulatorHttp.Answer>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await e.PostMessageAsync("""{"content":"x"}"""));
        }

        Assert.Equal([200, 200, 429], answers.Select(a => a.Status));
        Assert.Equal(["1", "0", "0"], answers.Select(a => a.Headers["X-RateLimit-Remaining"]));
        Assert.All(answers, a => Assert.Equal("2", a.Headers["X-RateLimit-Limit"]));
        Assert.All(answers, a => Assert.True(double.Parse(a.Headers["X-RateLimit-Reset-After"], System.Globalization.CultureInfo.InvariantCulture) > 0));
        Assert.All(answers, a => Assert.NotEmpty(a.Headers["X-RateLimit-Bucket"]));
        Assert.All(answers, a => Assert.Contains('.', a.Headers["X-RateLimit-Reset"]));
        var limited = answers[2];
        Assert.True(int.TryParse(limited.Headers["Retry-After"], out _));
        Assert.Equal("user", limited.Headers["X-RateLimit-Scope"]);
        Assert.False(limited.Body!["global"]!.GetValue<bool>());
        Assert.True(limited.Body["retry_after"]!.GetValue<double>() > 0);
        Assert.Equal(1, e.Emulator.Rest.RateLimitedCount);
    }

    [Fact]
    public async Task The_global_limit_answers_429_global()
    {
        await using var e = await EmulatorHttp.StartAsync(o => o.GlobalRequestsPerSecond = 2);
        var other = e.Emulator.Rest.AddChannel(e.GuildId);

        await e.PostMessageAsync("""{"content":"x"}""");
        await e.PostMessageAsync("""{"content":"x"}""", other);
        var limited = await e.PostMessageAsync("""{"content":"x"}""");

        Assert.Equal(429, limited.Status);
        Assert.Equal("true", limited.Headers["X-RateLimit-Global"]);
        Assert.Equal("global", limited.Headers["X-RateLimit-Scope"]);
        Assert.True(limited.Body!["global"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_global_limit_counts_the_tokens_requests_over_every_connection_as_several_processes_send_them()
    {
        await using var e = await EmulatorHttp.StartAsync(o => o.GlobalRequestsPerSecond = 4);
        using HttpClient first = new(), second = new();
        var channels = Enumerable.Range(0, 4).Select(_ => e.Emulator.Rest.AddChannel(e.GuildId)).ToArray();

        Assert.Equal(200, (await e.PostMessageAsync("""{"content":"x"}""", channels[0], first)).Status);
        Assert.Equal(200, (await e.PostMessageAsync("""{"content":"x"}""", channels[1], second)).Status);
        Assert.Equal(200, (await e.PostMessageAsync("""{"content":"x"}""", channels[2], first)).Status);
        Assert.Equal(200, (await e.PostMessageAsync("""{"content":"x"}""", channels[3], second)).Status);
        var limited = await e.PostMessageAsync("""{"content":"x"}""", e.ChannelId, second);

        Assert.Equal(429, limited.Status);
        Assert.Equal("global", limited.Headers["X-RateLimit-Scope"]);
        Assert.True(limited.Body!["global"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Requests_are_recorded_without_the_token()
    {
        await using var e = await EmulatorHttp.StartAsync();

        await e.PostMessageAsync("""{"content":"x"}""");

        var recorded = Assert.Single(e.Emulator.Rest.Requests);
        Assert.Equal("POST /channels/{channel_id}/messages", recorded.Route);
        Assert.Equal("Bot ***", recorded.Headers["Authorization"]);
        Assert.Equal("x", recorded.Body!["content"]!.GetValue<string>());
        Assert.DoesNotContain(e.Emulator.Options.BotToken, string.Join(' ', recorded.Headers.Values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForMessageAsync_completes_when_a_matching_message_arrives()
    {
        await using var e = await EmulatorHttp.StartAsync();
        var waiting = e.Emulator.Rest.WaitForMessageAsync(e.ChannelId, m => m.Content.StartsWith("Q2", StringComparison.Ordinal));

        await e.PostMessageAsync("""{"content":"Q1"}""");
        Assert.False(waiting.IsCompleted);
        await e.PostMessageAsync("""{"content":"Q2: bias vs variance"}""");

        Assert.Equal("Q2: bias vs variance", (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Content);
    }

    [Fact]
    public async Task A_second_thread_on_the_same_message_is_refused()
    {
        await using var e = await EmulatorHttp.StartAsync();
        var message = await e.PostMessageAsync("""{"content":"Q1"}""");
        var path = $"/channels/{e.ChannelId}/messages/{message.Body!["id"]}/threads";

        var first = await e.SendAsync("POST", path, """{"name":"Q1"}""");
        var second = await e.SendAsync("POST", path, """{"name":"Q1"}""");
        var badName = await e.SendAsync("POST", $"/channels/{e.ChannelId}/messages/{message.Body["id"]}/threads", $$"""{"name":"{{S(101)}}"}""");

        Assert.Equal(201, first.Status);
        Assert.Equal((400, 160004), (second.Status, second.Code));
        badName.AssertFormError("name");
    }
}
