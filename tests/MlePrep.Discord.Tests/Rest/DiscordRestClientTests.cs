using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Discord.Tests.Rest;

public sealed class DiscordRestClientTests
{
    private const string CreateMessageRoute = "POST /channels/{channel_id}/messages";
    private const string EditMessageRoute = "PATCH /channels/{channel_id}/messages/{message_id}";

    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Create_message_sends_bot_auth_user_agent_json_and_no_mentions_by_default()
    {
        await using var h = await RestHarness.StartAsync();

        var message = await h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = "Q1: what is a ROC curve? @everyone" }, Ct);

        Assert.Equal(h.ChannelId, message.ChannelId);
        var request = Assert.Single(h.Emulator.Rest.Requests);
        Assert.Equal(200, request.Status);
        Assert.Equal("Bot ***", request.Headers["Authorization"]);
        Assert.StartsWith("DiscordBot (", request.Headers["User-Agent"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        Assert.Equal("""{"parse":[]}""", request.Body!["allowed_mentions"]!.ToJsonString());
        Assert.Null(request.Body["nonce"]);
    }

    [Fact]
    public async Task Interaction_routes_carry_no_bot_token_and_follow_ups_wait_for_the_message()
    {
        await using var h = await RestHarness.StartAsync();
        var injected = await h.Emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question").InGuild(h.GuildId, h.ChannelId), Ct);

        await h.Client.RespondAsync(injected.Id, injected.Token, InteractionResponse.Deferred(ephemeral: true), Ct);
        var edited = await h.Client.EditOriginalResponseAsync(h.ApplicationId, injected.Token, new MessagePayload { Content = "answer" }, Ct);
        var followup = await h.Client.CreateFollowupAsync(h.ApplicationId, injected.Token, new MessagePayload { Content = "more" }, Ct);
        var original = await h.Client.GetOriginalResponseAsync(h.ApplicationId, injected.Token, Ct);
        await h.Client.DeleteOriginalResponseAsync(h.ApplicationId, injected.Token, Ct);

        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, (await injected.Callback).Type);
        Assert.Equal("answer", edited.Content);
        Assert.Equal(MessageFlags.Ephemeral, edited.Flags);
        Assert.Equal("more", followup.Content);
        Assert.Equal(edited.Id, original.Id);
        Assert.All(h.Emulator.Rest.Requests, r => Assert.False(r.Headers.ContainsKey("Authorization")));
        Assert.All(h.Emulator.Rest.Requests, r => Assert.Equal(r.Method == "DELETE" ? 204 : r.Method == "POST" && r.Route!.StartsWith("POST /interactions", StringComparison.Ordinal) ? 204 : 200, r.Status));
        Assert.EndsWith("?wait=true", h.Emulator.Rest.Requests.Single(r => r.Route == "POST /webhooks/{application_id}/{interaction_token}").Path);
    }

    [Fact]
    public async Task No_log_line_holds_a_token_or_a_url()
    {
        await using var h = await RestHarness.StartAsync();
        var injected = await h.Emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question").InGuild(h.GuildId, h.ChannelId), Ct);
        h.Emulator.Rest.ScriptFault("PATCH /webhooks/{application_id}/{interaction_token}/messages/@original", 1, EmulatorFault.Error(502));

        await h.Client.RespondAsync(injected.Id, injected.Token, InteractionResponse.Deferred(false), Ct);
        await h.Client.EditOriginalResponseAsync(h.ApplicationId, injected.Token, new MessagePayload { Content = "done" }, Ct);
        await h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = "x" }, Ct);

        var logs = h.Logs.GetSnapshot();
        Assert.Contains(logs, l => l.Id.Id == 2003);
        Assert.All(logs, l => Assert.DoesNotContain(injected.Token, l.Message, StringComparison.Ordinal));
        Assert.All(logs, l => Assert.DoesNotContain(h.Emulator.Options.BotToken, l.Message, StringComparison.Ordinal));
        Assert.All(logs, l => Assert.DoesNotContain("http://", l.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callback_message_defaults_to_no_mentions()
    {
        await using var h = await RestHarness.StartAsync();
        var injected = await h.Emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question").InGuild(h.GuildId, h.ChannelId), Ct);

        await h.Client.RespondAsync(injected.Id, injected.Token,
            new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, new InteractionCallbackData { Content = "hi <@&1>" }), Ct);

        Assert.Equal("""{"parse":[]}""", (await injected.Callback).Data!["allowed_mentions"]!.ToJsonString());
        Assert.Equal("hi <@&1>", (await injected.WaitForOriginalAsync(ct: Ct)).Content);
    }

    [Fact]
    public async Task Every_message_route_sends_no_mentions_when_the_payload_names_none()
    {
        // Callers (the bot's daily post, replies, edits) leave AllowedMentions null: the client is the one layer that
        // turns that into "ping nobody" on the wire.
        await using var h = await RestHarness.StartAsync();
        var posted = await h.Client.CreateMessageAsync(h.ChannelId,
            new MessagePayload { Content = "Daily <@&1>", Nonce = "d1", EnforceNonce = true, Embeds = [new Embed { Title = "Daily question" }] }, Ct);
        await h.Client.EditMessageAsync(h.ChannelId, posted.Id, new MessagePayload { Content = "Daily, edited" }, Ct);
        var command = await h.Emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question").InGuild(h.GuildId, h.ChannelId), Ct);
        await h.Client.RespondAsync(command.Id, command.Token, InteractionResponse.Message(new MessagePayload { Content = "hi <@1>" }), Ct);
        await h.Client.EditOriginalResponseAsync(h.ApplicationId, command.Token, new MessagePayload { Content = "edited <@1>" }, Ct);
        await h.Client.CreateFollowupAsync(h.ApplicationId, command.Token, new MessagePayload { Content = "more <@1>" }, Ct);
        var click = await h.Emulator.Rest.InjectInteractionAsync(InteractionSpec.Button("hint", posted.Id).InGuild(h.GuildId, h.ChannelId), Ct);
        await h.Client.RespondAsync(click.Id, click.Token, InteractionResponse.Update(new MessagePayload { Content = "updated <@1>" }), Ct);

        var bodies = h.Emulator.Rest.Requests.Select(r => r.Route!.StartsWith("POST /interactions", StringComparison.Ordinal) ? r.Body!["data"] : r.Body).ToList();
        Assert.Equal(6, bodies.Count);
        Assert.All(bodies, b => Assert.Equal("""{"parse":[]}""", b!["allowed_mentions"]!.ToJsonString()));
    }

    [Fact]
    public async Task An_exhausted_bucket_waits_for_reset_after_instead_of_hitting_429()
    {
        var window = TimeSpan.FromMilliseconds(400);
        await using var h = await RestHarness.StartAsync(o =>
        {
            o.MessagesPerWindow = 2;
            o.MessageRateWindow = window;
        });

        for (var i = 0; i < 3; i++)
        {
            await h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = $"m{i}" }, Ct);
        }

        var requests = h.Emulator.Rest.Requests;
        Assert.Equal(0, h.Emulator.Rest.RateLimitedCount);
        Assert.Equal(3, requests.Count);
        Assert.True(requests[2].Time - requests[0].Time >= window - TimeSpan.FromMilliseconds(30), $"third request after {(requests[2].Time - requests[0].Time).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Route_429_pauses_the_bucket_then_retries()
    {
        await using var h = await RestHarness.StartAsync();
        h.Emulator.Rest.ScriptFault(CreateMessageRoute, 1, EmulatorFault.RateLimit(EmulatedRateLimitScope.User, TimeSpan.FromMilliseconds(300)));

        var first = h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = "a" }, Ct);
        var second = h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = "b" }, Ct);
        await Task.WhenAll(first, second);

        var requests = h.Emulator.Rest.Requests;
        Assert.Equal(1, h.Emulator.Rest.RateLimitedCount);
        Assert.Equal([429, 200, 200], requests.Select(r => r.Status));
        Assert.True(requests[1].Time - requests[0].Time >= TimeSpan.FromMilliseconds(280));
        Assert.Contains(h.Logs.GetSnapshot(), l => l.Id.Id == 2001 && l.Message.Contains("scope user", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Global_429_pauses_other_routes_but_not_interaction_callbacks()
    {
        // One fake clock for the emulator and the client: the global pause lasts until the test moves time.
        var time = new FakeTimeProvider();
        await using var h = await RestHarness.StartAsync(clock: time);
        var existing = await h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = "x" }, Ct);
        var injected = await h.Emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question").InGuild(h.GuildId, h.ChannelId), Ct);
        h.Emulator.Rest.ScriptFault(CreateMessageRoute, 1, EmulatorFault.RateLimit(EmulatedRateLimitScope.Global, TimeSpan.FromMilliseconds(800)));

        var create = h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = "a" }, Ct);
        // The client has applied the global pause once it logs the 429.
        await h.WaitForLogAsync(2001);
        var edit = h.Client.EditMessageAsync(h.ChannelId, existing.Id, new MessagePayload { Content = "edited" }, Ct);
        // The timeout only turns a callback stuck behind the pause into a failure instead of a hung run.
        await h.Client.RespondAsync(injected.Id, injected.Token, InteractionResponse.Deferred(false), Ct).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(create.IsCompleted);
        Assert.False(edit.IsCompleted);
        Assert.DoesNotContain(h.Emulator.Rest.Requests, r => r.Route == EditMessageRoute);
        time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(create, edit);

        var editRequest = h.Emulator.Rest.Requests.Single(r => r.Route == EditMessageRoute);
        var limited = h.Emulator.Rest.Requests.Single(r => r.Status == 429);
        Assert.True(editRequest.Time - limited.Time >= TimeSpan.FromMilliseconds(800), "the edit waited for the global pause");
        Assert.Contains(h.Logs.GetSnapshot(), l => l.Id.Id == 2001 && l.Message.Contains("global True", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shared_429_waits_and_retries_without_closing_the_bucket()
    {
        await using var h = await RestHarness.StartAsync();
        h.Emulator.Rest.ScriptFault(CreateMessageRoute, 1, EmulatorFault.RateLimit(EmulatedRateLimitScope.Shared, TimeSpan.FromMilliseconds(150)));

        await h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = "a" }, Ct);

        var requests = h.Emulator.Rest.Requests;
        Assert.Equal([429, 200], requests.Select(r => r.Status));
        Assert.True(requests[1].Time - requests[0].Time >= TimeSpan.FromMilliseconds(140));
        Assert.Contains(h.Logs.GetSnapshot(), l => l.Id.Id == 2001 && l.Message.Contains("scope shared", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sublimit_429_delays_only_that_request()
    {
        await using var h = await RestHarness.StartAsync();
        h.Emulator.Rest.ScriptFault(CreateMessageRoute, 1, EmulatorFault.RateLimit(EmulatedRateLimitScope.User, TimeSpan.FromMilliseconds(150), sublimit: true));

        var message = await h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = "a" }, Ct);

        Assert.Equal("a", message.Content);
        Assert.Equal([429, 200], h.Emulator.Rest.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task The_global_budget_keeps_a_burst_under_the_emulators_global_limit()
    {
        await using var h = await RestHarness.StartAsync(o => o.GlobalRequestsPerSecond = 10, RestHarness.FastPolicy with { GlobalRequestsPerSecond = 10 });
        var channels = Enumerable.Range(0, 15).Select(_ => h.Emulator.Rest.AddChannel(h.GuildId)).ToList();

        await Task.WhenAll(channels.Select(c => h.Client.CreateMessageAsync(c, new MessagePayload { Content = "burst" }, Ct)));

        Assert.Equal(0, h.Emulator.Rest.RateLimitedCount);
        var requests = h.Emulator.Rest.Requests;
        Assert.Equal(15, requests.Count);
        Assert.True(requests[^1].Time - requests[0].Time >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Safe_requests_are_retried_on_502_503_504()
    {
        await using var h = await RestHarness.StartAsync();
        var message = await h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = "x" }, Ct);
        h.Emulator.Rest.ScriptFault(EditMessageRoute, 1, EmulatorFault.Error(502));
        h.Emulator.Rest.ScriptFault(EditMessageRoute, 1, EmulatorFault.Error(503));

        var edited = await h.Client.EditMessageAsync(h.ChannelId, message.Id, new MessagePayload { Content = "y" }, Ct);

        Assert.Equal("y", edited.Content);
        Assert.Equal([502, 503, 200], h.Emulator.Rest.Requests.Where(r => r.Route == EditMessageRoute).Select(r => r.Status));
    }

    [Fact]
    public async Task Safe_requests_give_up_after_three_attempts()
    {
        await using var h = await RestHarness.StartAsync();
        h.Emulator.Rest.ScriptFault("PUT /applications/{application_id}/commands", 3, EmulatorFault.Error(504));

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.OverwriteGlobalCommandsAsync(h.ApplicationId, [], Ct));

        Assert.Equal(HttpStatusCode.GatewayTimeout, error.Status);
        Assert.Equal(3, h.Emulator.Rest.Requests.Count);
    }

    [Fact]
    public async Task A_create_message_without_enforced_nonce_is_not_retried()
    {
        await using var h = await RestHarness.StartAsync();
        h.Emulator.Rest.ScriptFault(CreateMessageRoute, 1, EmulatorFault.Error(502));

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = "x", Nonce = "n1" }, Ct));

        Assert.Equal(HttpStatusCode.BadGateway, error.Status);
        Assert.Single(h.Emulator.Rest.Requests);
    }

    [Fact]
    public async Task Callbacks_are_never_retried()
    {
        await using var h = await RestHarness.StartAsync();
        var injected = await h.Emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question").InGuild(h.GuildId, h.ChannelId), Ct);
        h.Emulator.Rest.ScriptFault("POST /interactions/{interaction_id}/{interaction_token}/callback", 1, EmulatorFault.Error(503));

        await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.RespondAsync(injected.Id, injected.Token, InteractionResponse.Deferred(false), Ct));

        Assert.Single(h.Emulator.Rest.Requests);
    }

    [Fact]
    public async Task A_timed_out_create_with_enforced_nonce_is_retried_and_deduplicated()
    {
        await using var h = await RestHarness.StartAsync(policy: RestHarness.FastPolicy with { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        h.Emulator.Rest.ScriptFault(CreateMessageRoute, 1, EmulatorFault.Delay(TimeSpan.FromMilliseconds(600)));

        var message = await h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = "daily", Nonce = "daily-2026-11-29", EnforceNonce = true }, Ct);
        // The first attempt is answered late, after the retry; wait until the emulator has handled it too.
        var seen = 0;
        await h.Emulator.Rest.WaitForRequestAsync(_ => ++seen == 2, Ct);

        var stored = Assert.Single(h.Emulator.Rest.Messages(h.ChannelId));
        Assert.Equal(stored.Id, message.Id);
        Assert.All(h.Emulator.Rest.Requests, r => Assert.Equal(200, r.Status));
        Assert.Contains(h.Logs.GetSnapshot(), l => l.Id.Id == 2004);
    }

    [Fact]
    public async Task A_retried_delete_of_the_original_that_finds_it_gone_succeeds()
    {
        await using var h = await RestHarness.StartAsync(policy: RestHarness.FastPolicy with { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        var injected = await h.Emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question").InGuild(h.GuildId, h.ChannelId), Ct);
        await h.Client.RespondAsync(injected.Id, injected.Token, InteractionResponse.Deferred(ephemeral: false), Ct);
        // The first DELETE lands but its answer comes after the client's timeout; the retry finds nothing to delete.
        h.Emulator.Rest.ScriptFault("DELETE /webhooks/{application_id}/{interaction_token}/messages/@original", 1, EmulatorFault.LateAnswer(TimeSpan.FromMilliseconds(600)));

        await h.Client.DeleteOriginalResponseAsync(h.ApplicationId, injected.Token, Ct);

        var deletes = h.Emulator.Rest.Requests.Where(r => r.Method == "DELETE").Select(r => r.Status).ToList();
        Assert.Contains(404, deletes);
        Assert.Contains(h.Logs.GetSnapshot(), l => l.Id.Id == 2100);
        Assert.DoesNotContain(h.Logs.GetSnapshot(), l => l.Id.Id == 2007);
    }

    [Fact]
    public async Task Error_bodies_become_DiscordApiException_with_the_route_template()
    {
        await using var h = await RestHarness.StartAsync();

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.CreateMessageAsync(123456789012345678, new MessagePayload { Content = "x" }, Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Equal(DiscordErrorCodes.UnknownChannel, error.Code);
        Assert.Equal(CreateMessageRoute, error.Route);
        Assert.DoesNotContain("123456789012345678", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_errors_carry_the_error_tree()
    {
        await using var h = await RestHarness.StartAsync();

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = new string('x', 2001) }, Ct));

        Assert.Equal(DiscordErrorCodes.InvalidFormBody, error.Code);
        Assert.Equal("BASE_TYPE_MAX_LENGTH", error.Errors!.Value.GetProperty("content").GetProperty("_errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Late_callback_is_unknown_interaction_and_the_token_stays_out_of_the_exception()
    {
        await using var h = await RestHarness.StartAsync(o => o.InteractionDeadline = TimeSpan.Zero);
        var injected = await h.Emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question").InGuild(h.GuildId, h.ChannelId), Ct);
        await Task.Delay(5, Ct);

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.RespondAsync(injected.Id, injected.Token, InteractionResponse.Deferred(false), Ct));

        Assert.Equal(DiscordErrorCodes.UnknownInteraction, error.Code);
        Assert.Equal("POST /interactions/{interaction_id}/{interaction_token}/callback", error.Route);
        Assert.DoesNotContain(injected.Token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Logs.GetSnapshot(), l => l.Message.Contains(injected.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_401_on_an_interaction_token_route_is_not_reported_as_a_bad_bot_token()
    {
        await using var h = await RestHarness.StartAsync();

        var error = await Assert.ThrowsAsync<DiscordApiException>(() =>
            h.Client.EditOriginalResponseAsync(h.ApplicationId, "expired-interaction-token", new MessagePayload { Content = "late" }, Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal(DiscordErrorCodes.InvalidWebhookToken, error.Code);
        var logs = h.Logs.GetSnapshot();
        Assert.Contains(logs, l => l.Id.Id == 2005 && l.Level == LogLevel.Warning);
        Assert.DoesNotContain(logs, l => l.Id.Id == 2006);
        Assert.DoesNotContain(logs, l => l.Message.Contains("expired-interaction-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_401_on_a_bot_route_is_reported_as_a_rejected_bot_token_without_the_token()
    {
        const string wrongToken = "MTIzNDU2Nzg5.wrong.token";
        await using var h = await RestHarness.StartAsync(token: wrongToken);

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = "x" }, Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.DoesNotContain(wrongToken, error.Message, StringComparison.Ordinal);
        var logs = h.Logs.GetSnapshot();
        Assert.Contains(logs, l => l.Id.Id == 2006 && l.Level == LogLevel.Critical);
        Assert.DoesNotContain(logs, l => l.Message.Contains(wrongToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Commands_are_overwritten_with_response_only_fields_left_out_of_the_request()
    {
        await using var h = await RestHarness.StartAsync();
        ApplicationCommand[] commands =
        [
            new()
            {
                Name = "daily", Description = "Daily questions", DefaultMemberPermissions = "32", Contexts = [0], Version = 5,
                Options =
                [
                    new()
                    {
                        Type = CommandOptionType.SubCommand, Name = "set", Description = "Set the time",
                        Options =
                        [
                            new() { Type = CommandOptionType.String, Name = "time", Description = "HH:mm", Required = true },
                            new() { Type = CommandOptionType.String, Name = "timezone", Description = "IANA zone", Autocomplete = true },
                        ],
                    },
                ],
            },
        ];

        var global = await h.Client.OverwriteGlobalCommandsAsync(h.ApplicationId, commands, Ct);
        var guild = await h.Client.OverwriteGuildCommandsAsync(h.ApplicationId, h.GuildId, commands, Ct);

        Assert.Equal(h.ApplicationId, global[0].ApplicationId);
        Assert.NotNull(global[0].Id);
        Assert.NotNull(global[0].Version);
        Assert.Equal(h.GuildId, guild[0].GuildId);
        Assert.Equal("32", h.Emulator.Rest.Commands()[0].DefaultMemberPermissions);
        var body = h.Emulator.Rest.Requests[0].Body!.AsArray()[0]!.AsObject();
        Assert.False(body.ContainsKey("version"));
        Assert.Equal("32", body["default_member_permissions"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_thread_is_started_from_a_message()
    {
        await using var h = await RestHarness.StartAsync();
        var message = await h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = "Q1" }, Ct);

        var thread = await h.Client.StartThreadFromMessageAsync(h.ChannelId, message.Id, new ThreadCreate { Name = "Q1 discussion", AutoArchiveDuration = 1440 }, Ct);

        Assert.Equal(ChannelTypes.PublicThread, thread.Type);
        Assert.Equal(h.ChannelId, thread.ParentId);
        Assert.Equal(message.Id, thread.Id);
    }

    [Fact]
    public async Task A_private_thread_is_started_without_a_message_and_a_member_added_to_it()
    {
        await using var h = await RestHarness.StartAsync();

        var thread = await h.Client.StartThreadWithoutMessageAsync(h.ChannelId,
            new ThreadCreate { Name = "Mock interview", Type = ChannelTypes.PrivateThread, Invitable = false, AutoArchiveDuration = 1440 }, Ct);
        await h.Client.AddThreadMemberAsync(thread.Id, 42, Ct);
        await h.Client.AddThreadMemberAsync(thread.Id, 42, Ct);

        Assert.Equal((ChannelTypes.PrivateThread, h.ChannelId), (thread.Type, thread.ParentId));
        var body = h.Emulator.Rest.Requests[0].Body!.AsObject();
        Assert.Equal((12, false), (body["type"]!.GetValue<int>(), body["invitable"]!.GetValue<bool>()));
        Assert.Equal("PUT", h.Emulator.Rest.Requests[1].Method);
        Assert.Equal(new HashSet<ulong> { h.Emulator.Options.BotUserId, 42 }, h.Emulator.Rest.ThreadMembers(thread.Id));
    }

    [Fact]
    public async Task A_private_thread_is_refused_without_create_private_threads_and_outside_text_channels()
    {
        await using var h = await RestHarness.StartAsync();
        var voice = h.Emulator.Rest.AddChannel(h.GuildId, ChannelTypes.GuildVoice, "voice");
        var create = new ThreadCreate { Name = "Mock interview", Type = ChannelTypes.PrivateThread };

        var wrongType = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.StartThreadWithoutMessageAsync(voice, create, Ct));
        var badType = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.StartThreadWithoutMessageAsync(h.ChannelId, create with { Type = 0 }, Ct));
        var notAThread = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.AddThreadMemberAsync(h.ChannelId, 42, Ct));
        h.Emulator.Rest.SetOverwrite(h.ChannelId, h.GuildId, 0, 0, DiscordPermissions.CreatePrivateThreads);
        var denied = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.StartThreadWithoutMessageAsync(h.ChannelId, create, Ct));
        var publicOne = await h.Client.StartThreadWithoutMessageAsync(h.ChannelId, create with { Type = ChannelTypes.PublicThread }, Ct);

        Assert.Equal(50024, wrongType.Code);
        Assert.Equal((400, 50035), ((int)badType.Status, badType.Code));
        Assert.Equal(50024, notAThread.Code);
        Assert.Equal((403, 50013), ((int)denied.Status, denied.Code));
        Assert.Equal(ChannelTypes.PublicThread, publicOne.Type);
    }

    [Fact]
    public async Task A_nonce_longer_than_25_characters_is_refused_locally()
    {
        await using var h = await RestHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.CreateMessageAsync(h.ChannelId, new MessagePayload { Content = "x", Nonce = new string('n', 26) }, Ct));

        Assert.Empty(h.Emulator.Rest.Requests);
    }
}
