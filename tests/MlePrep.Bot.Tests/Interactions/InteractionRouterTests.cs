using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Interactions;
using MlePrep.Discord;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Bot.Tests.Interactions;

public sealed class InteractionRouterTests
{
    private readonly Mock<IDiscordRestClient> _rest = new();
    private readonly List<InteractionResponse> _responses = [];

    public InteractionRouterTests() =>
        _rest.Setup(r => r.RespondAsync(It.IsAny<ulong>(), It.IsAny<string>(), It.IsAny<InteractionResponse>(), It.IsAny<CancellationToken>()))
            .Callback<ulong, string, InteractionResponse, CancellationToken>((_, _, response, _) => _responses.Add(response))
            .Returns(Task.CompletedTask);

    private sealed class FakeCommand(Func<CancellationToken, ValueTask<InteractionReply>> run, bool privately = false) : ISlashCommand
    {
        public ApplicationCommand Definition { get; } = new() { Name = "fake", Description = "A fake" };

        public bool RepliesPrivately => privately;

        public ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct) => run(ct);
    }

    private sealed class FakeButton(Func<CancellationToken, ValueTask<InteractionReply>> run, bool opensModal = false) : IComponentHandler
    {
        public Type IdType => typeof(HintId);

        public bool OpensModal => opensModal;

        public ValueTask<InteractionReply> HandleAsync(InteractionContext context, CancellationToken ct) => run(ct);
    }

    private InteractionRouter Router(ISlashCommand? command = null, TimeProvider? time = null, IComponentHandler? button = null, ILogger<InteractionRouter>? logger = null) =>
        new(new InteractionRoutes(), Registered.Handlers(command, button), _rest.Object, new CallbackInitialResponse(_rest.Object), time ?? TimeProvider.System, logger ?? NullLogger<InteractionRouter>.Instance);

    [Fact]
    public async Task A_slow_modal_is_never_deferred_and_opens_when_ready()
    {
        var release = new TaskCompletionSource<InteractionReply>();
        var button = new FakeButton(_ => new ValueTask<InteractionReply>(release.Task), opensModal: true);
        // Queued past the whole defer budget (a burst of ✍️ Answer presses after a daily post): any deferral would be sent at once.
        var queued = TestData.Button("hint:T1:1") with { ReceivedAt = System.Diagnostics.Stopwatch.GetTimestamp() - (long)(2 * System.Diagnostics.Stopwatch.Frequency) };

        var handling = Router(time: new FakeTimeProvider(), button: button).HandleAsync(queued, default);
        release.SetResult(InteractionReply.OpenModal("fakem:1", "Your answer", [Component.LabeledTextInput("Answer", "answer", paragraph: true)]));
        await handling;

        Assert.Equal(InteractionCallbackType.Modal, Assert.Single(_responses).Type);
        _rest.Verify(r => r.EditOriginalResponseAsync(It.IsAny<ulong>(), It.IsAny<string>(), It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_modal_refused_as_too_late_is_logged_as_such()
    {
        _rest.Setup(r => r.RespondAsync(It.IsAny<ulong>(), It.IsAny<string>(), It.IsAny<InteractionResponse>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DiscordApiException(System.Net.HttpStatusCode.NotFound, DiscordErrorCodes.UnknownInteraction, "Unknown interaction", "POST /interactions/{id}/{token}/callback"));
        var logger = new FakeLogger<InteractionRouter>();
        var button = new FakeButton(_ => ValueTask.FromResult(InteractionReply.OpenModal("fakem:1", "Your answer", [Component.LabeledTextInput("Answer", "answer", paragraph: true)])),
            opensModal: true);

        await Router(button: button, logger: logger).HandleAsync(TestData.Button("hint:T1:1"), default);

        var line = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Equal(700, line.Id.Id);
    }

    [Fact]
    public async Task A_slow_click_that_updates_its_message_defers_as_an_update_and_edits_that_message()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var release = new TaskCompletionSource<InteractionReply>();
        var button = new FakeButton(_ => new ValueTask<InteractionReply>(release.Task));

        var handling = Router(time: time, button: button).HandleAsync(TestData.Button("hint:T1:1", MessageFlags.Ephemeral), default);
        time.Advance(InteractionRouter.DeferAfter);
        await WaitUntil(() => _responses.Count == 1);
        release.SetResult(InteractionReply.Update(new MessagePayload { Content = "hint 2", Components = [] }));
        await handling;

        Assert.Equal(InteractionCallbackType.DeferredUpdateMessage, Assert.Single(_responses).Type);
        _rest.Verify(r => r.EditOriginalResponseAsync(5, "interaction-token", It.Is<MessagePayload>(m => m.Content == "hint 2"), It.IsAny<CancellationToken>()));
        _rest.Verify(r => r.CreateFollowupAsync(It.IsAny<ulong>(), It.IsAny<string>(), It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_slow_click_that_answers_privately_defers_as_an_update_and_follows_up_privately()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var release = new TaskCompletionSource<InteractionReply>();
        var button = new FakeButton(_ => new ValueTask<InteractionReply>(release.Task));

        var handling = Router(time: time, button: button).HandleAsync(TestData.Button("hint:T1:1"), default);
        time.Advance(InteractionRouter.DeferAfter);
        await WaitUntil(() => _responses.Count == 1);
        release.SetResult(InteractionReply.Private("your hint card"));
        await handling;

        Assert.Equal(InteractionCallbackType.DeferredUpdateMessage, Assert.Single(_responses).Type);
        _rest.Verify(r => r.CreateFollowupAsync(5, "interaction-token",
            It.Is<MessagePayload>(m => m.Content == "your hint card" && m.Flags == MessageFlags.Ephemeral), It.IsAny<CancellationToken>()));
        _rest.Verify(r => r.EditOriginalResponseAsync(It.IsAny<ulong>(), It.IsAny<string>(), It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_fast_reply_is_sent_as_the_first_response_leaving_mentions_to_the_rest_client()
    {
        var command = new FakeCommand(_ => ValueTask.FromResult(InteractionReply.Public(new MessagePayload { Content = "hi <@1>" })));

        await Router(command).HandleAsync(TestData.Command("fake"), default);

        var response = Assert.Single(_responses);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, response.Type);
        Assert.Equal("hi <@1>", response.Data!.Content);
        // The REST client defaults allowed_mentions to none on the wire (DiscordRestClientTests pins every route).
        Assert.Null(response.Data.AllowedMentions);
        Assert.Null(response.Data.Flags);
    }

    [Fact]
    public async Task A_private_reply_carries_the_ephemeral_flag()
    {
        var command = new FakeCommand(_ => ValueTask.FromResult(InteractionReply.Private("secret")));

        await Router(command).HandleAsync(TestData.Command("fake"), default);

        Assert.Equal(MessageFlags.Ephemeral, Assert.Single(_responses).Data!.Flags);
    }

    [Fact]
    public async Task A_slow_reply_is_deferred_then_edited_in()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var release = new TaskCompletionSource<InteractionReply>();
        var command = new FakeCommand(_ => new ValueTask<InteractionReply>(release.Task));
        var interaction = TestData.Command("fake") with { Id = MlePrep.Discord.Snowflake.FromTimestamp(time.GetUtcNow()) };

        var handling = Router(command, time).HandleAsync(interaction, default);
        time.Advance(InteractionRouter.DeferAfter);
        await WaitUntil(() => _responses.Count == 1);
        release.SetResult(InteractionReply.Public(new MessagePayload { Content = "done" }));
        await handling;

        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, Assert.Single(_responses).Type);
        _rest.Verify(r => r.EditOriginalResponseAsync(5, "interaction-token", It.Is<MessagePayload>(m => m.Content == "done"), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task A_handler_that_blocks_its_thread_is_still_deferred_in_time()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var release = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        var command = new FakeCommand(_ =>
        {
            // Synchronous work, like a LiteDB query over a big channel.
            started.Set();
            release.Wait(TimeSpan.FromSeconds(10));
            return ValueTask.FromResult(InteractionReply.Public(new MessagePayload { Content = "done" }));
        });

        // Off the caller's thread, as the dispatcher runs every interaction: the router adds no hop of its own.
        var handling = Task.Run(() => Router(command, time).HandleAsync(TestData.Command("fake"), default));
        // The router starts its timer before the handler, so once the handler holds its thread the timer is set.
        await WaitUntil(() => started.IsSet);
        time.Advance(InteractionRouter.DeferAfter);
        await WaitUntil(() => _responses.Count == 1);
        release.Set();
        await handling;

        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, Assert.Single(_responses).Type);
        _rest.Verify(r => r.EditOriginalResponseAsync(5, "interaction-token", It.Is<MessagePayload>(m => m.Content == "done"), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task The_deadline_is_kept_on_the_discord_clock_even_when_the_bot_clock_stands_still()
    {
        var botClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var discordClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var release = new TaskCompletionSource<InteractionReply>();
        var command = new FakeCommand(_ => new ValueTask<InteractionReply>(release.Task));
        using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(botClock)
            .AddKeyedSingleton<TimeProvider>(DiscordClock.Key, discordClock)
            .AddSingleton(_rest.Object)
            .AddSingleton<IInitialResponse, CallbackInitialResponse>()
            .AddSingleton<ILogger<InteractionRouter>>(NullLogger<InteractionRouter>.Instance)
            .AddSingleton(command)
            .AddSingleton<ISlashCommand>(command)
            .AddSingleton<InteractionRoutes>()
            .AddSingleton<InteractionRouter>()
            .BuildServiceProvider();

        var handling = services.GetRequiredService<InteractionRouter>().HandleAsync(TestData.Command("fake"), default);
        // The sandbox may hold the bot's clock still; Discord's 3 s run on regardless.
        discordClock.Advance(InteractionRouter.DeferAfter);
        await WaitUntil(() => _responses.Count == 1);
        release.SetResult(InteractionReply.Public(new MessagePayload { Content = "done" }));
        await handling;

        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, Assert.Single(_responses).Type);
    }

    [Fact]
    public async Task An_interaction_that_waited_in_the_queue_past_the_budget_is_deferred_at_once()
    {
        var release = new TaskCompletionSource<InteractionReply>();
        var command = new FakeCommand(_ => new ValueTask<InteractionReply>(release.Task));
        var queued = TestData.Command("fake") with { ReceivedAt = System.Diagnostics.Stopwatch.GetTimestamp() - (long)(2 * System.Diagnostics.Stopwatch.Frequency) };

        // A frozen clock: only the time already spent in the queue can make the router defer.
        var handling = Router(command, new FakeTimeProvider()).HandleAsync(queued, default);
        await WaitUntil(() => _responses.Count == 1);
        release.SetResult(InteractionReply.Public(new MessagePayload { Content = "done" }));
        await handling;

        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, Assert.Single(_responses).Type);
    }

    [Fact]
    public async Task A_throwing_command_gets_a_private_apology()
    {
        var command = new FakeCommand(_ => throw new InvalidOperationException("boom"));

        await Router(command).HandleAsync(TestData.Command("fake"), default);

        var response = Assert.Single(_responses);
        Assert.Equal(InteractionRouter.FailureMessage, response.Data!.Content);
        Assert.Equal(MessageFlags.Ephemeral, response.Data.Flags);
    }

    [Fact]
    public async Task An_unknown_button_gets_a_polite_private_message()
    {
        await Router().HandleAsync(TestData.Button("gone:Q999:1"), default);

        var response = Assert.Single(_responses);
        Assert.Equal(StaleComponent.Message, response.Data!.Content);
        Assert.Equal(MessageFlags.Ephemeral, response.Data.Flags);
    }

    [Fact]
    public async Task A_malformed_id_of_a_known_kind_gets_the_stale_reply_without_reaching_its_handler()
    {
        var called = false;
        var button = new FakeButton(_ =>
        {
            called = true;
            return ValueTask.FromResult(InteractionReply.Private("handled"));
        });

        await Router(button: button).HandleAsync(TestData.Button("hint:T1:x"), default);

        Assert.False(called);
        Assert.Equal(StaleComponent.Message, Assert.Single(_responses).Data!.Content);
    }

    [Fact]
    public async Task A_command_in_a_direct_message_is_answered_with_where_it_works()
    {
        var command = new FakeCommand(_ => throw new InvalidOperationException("must not run"));
        var dm = TestData.Command("fake") with { GuildId = null, Member = null, User = new User { Id = 3, Username = "ada" } };

        await Router(command).HandleAsync(dm, default);

        Assert.Contains("server", Assert.Single(_responses).Data!.Content);
    }

    [Fact]
    public async Task Already_acknowledged_is_not_an_error()
    {
        _rest.Setup(r => r.RespondAsync(It.IsAny<ulong>(), It.IsAny<string>(), It.IsAny<InteractionResponse>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DiscordApiException(System.Net.HttpStatusCode.BadRequest, DiscordErrorCodes.InteractionAlreadyAcknowledged, "Interaction has already been acknowledged.", "POST /interactions/{id}/{token}/callback"));
        var command = new FakeCommand(_ => ValueTask.FromResult(InteractionReply.Private("x")));

        await Router(command).HandleAsync(TestData.Command("fake"), default);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}

/// <summary>What the router leaves for operators: ids as structured log fields, and the interaction metrics.</summary>
public sealed class InteractionRouterOperationsTests
{
    private readonly Mock<IDiscordRestClient> _rest = new();

    private abstract class Command(string name, Func<ValueTask<InteractionReply>> run) : ISlashCommand
    {
        public ApplicationCommand Definition { get; } = new() { Name = name, Description = "A fake" };

        public bool RepliesPrivately => true;

        public ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct) => run();
    }

    // One class per command: the router builds a command by its type.
    private sealed class Answering(string name) : Command(name, () => ValueTask.FromResult(InteractionReply.Private("hi")));

    private sealed class Failing(string name) : Command(name, () => throw new InvalidOperationException("boom"));

    [Fact]
    public async Task Every_line_logged_while_handling_carries_the_interaction_guild_and_channel_ids_and_never_the_token()
    {
        var collector = new FakeLogCollector();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(collector)));
        var interaction = TestData.Command("logged");
        var router = new InteractionRouter(new InteractionRoutes(), Registered.Handlers(new Failing("logged")), _rest.Object, new CallbackInitialResponse(_rest.Object),
            TimeProvider.System, loggers.CreateLogger<InteractionRouter>());

        await router.HandleAsync(interaction, default);

        var records = collector.GetSnapshot();
        Assert.Contains(records, r => r.Level == LogLevel.Error);
        Assert.All(records, record =>
        {
            var fields = record.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(s => s).ToDictionary(f => f.Key, f => f.Value);
            Assert.Equal(interaction.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), fields["InteractionId"]);
            Assert.Equal(interaction.GuildId?.ToString(System.Globalization.CultureInfo.InvariantCulture), fields["GuildId"]);
            Assert.Equal(interaction.ChannelId?.ToString(System.Globalization.CultureInfo.InvariantCulture), fields["ChannelId"]);
            Assert.DoesNotContain(interaction.Token, record.Message + record.Exception + string.Join(' ', record.Scopes));
        });
    }

    [Fact]
    public async Task Interactions_are_counted_by_command_and_outcome()
    {
        var seen = new List<(string Command, string Outcome)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Metrics.MeterName && instrument.Name == "mleprep.interactions")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var values = tags.ToArray().ToDictionary(t => t.Key, t => (string)t.Value!);
            lock (seen)
            {
                seen.Add((values["command"], values["outcome"]));
            }
        });
        listener.Start();
        _rest.Setup(r => r.RespondAsync(It.IsAny<ulong>(), It.IsAny<string>(), It.IsAny<InteractionResponse>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var router = new InteractionRouter(new InteractionRoutes(), Registered.Handlers(new Answering("counted-ok"), new Failing("counted-failing")),
            _rest.Object, new CallbackInitialResponse(_rest.Object), TimeProvider.System, NullLogger<InteractionRouter>.Instance);

        await router.HandleAsync(TestData.Command("counted-ok"), default);
        await router.HandleAsync(TestData.Command("counted-failing"), default);

        lock (seen)
        {
            Assert.Contains(("/counted-ok", "answered"), seen);
            Assert.Contains(("/counted-failing", "failed"), seen);
        }
    }
}

/// <summary>Handler instances registered as <c>AddSlashCommand</c> and <c>AddComponentHandler</c> register types: by their type and their interface.</summary>
internal static class Registered
{
    public static IServiceProvider Handlers(params object?[] handlers)
    {
        var services = new ServiceCollection();
        foreach (var handler in handlers.OfType<object>())
        {
            services.AddSingleton(handler.GetType(), handler);
            services.AddSingleton(handler is ISlashCommand ? typeof(ISlashCommand) : typeof(IComponentHandler), handler);
        }
        return services.BuildServiceProvider();
    }
}
