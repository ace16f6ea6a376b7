using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Interactions.Http;
using MlePrep.Bot.Tests.Operations;
using MlePrep.Discord;
using MlePrep.Discord.Hosting;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;
using MlePrep.Discord.Serialization;
using Moq;
using NSec.Cryptography;

namespace MlePrep.Bot.Tests.Interactions.Http;

public sealed class HttpInteractionsEndpointTests : IDisposable
{
    private static readonly TimeSpan Pump = TimeSpan.FromSeconds(10);

    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);
    private readonly FakeTimeProvider _discordClock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<HttpInteractionsEndpoint> _log = new();
    private readonly FakeLogger<HttpInteractionRunner> _runnerLog = new();
    private readonly List<Interaction> _routed = [];
    private readonly Mock<IDiscordRestClient> _rest = new();
    private ServiceProvider? _services;

    public void Dispose()
    {
        _services?.Dispose();
        _key.Dispose();
    }

    /// <summary>A body no JSON reader accepts: a 401 for it proves the signature was checked before any parsing.</summary>
    private const string Unparseable = "{\"type\": 2, \"id\": ";

    private string Now => _discordClock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private string Sign(string timestamp, string body, Key? key = null) =>
        Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key ?? _key, Encoding.UTF8.GetBytes(timestamp + body)));

    /// <summary>The endpoint with the real runner and scopes; the handler is the real router unless a test passes its own.</summary>
    private HttpInteractionsEndpoint Endpoint(ISlashCommand? command = null, bool spy = false, Func<IServiceProvider, IInteractionHandler>? handler = null,
        int maxConcurrent = 64)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKeyedSingleton<TimeProvider>(DiscordClock.Key, _discordClock);
        services.AddSingleton(Options.Create(new DiscordOptions { MaxConcurrentInteractions = maxConcurrent }));
        services.AddSingleton(_rest.Object);
        services.AddScoped<HttpInitialResponse>();
        services.AddScoped<IInitialResponse>(sp => sp.GetRequiredService<HttpInitialResponse>());
        if (command is not null)
        {
            services.AddSingleton(command.GetType(), command).AddSingleton(command);
        }
        if (handler is not null)
        {
            services.AddScoped(handler);
        }
        else if (spy)
        {
            services.AddScoped<IInteractionHandler>(sp => new SpyHandler(_routed, sp.GetRequiredService<IInitialResponse>()));
        }
        else
        {
            services.AddSingleton<InteractionRoutes>().AddScoped<IInteractionHandler, InteractionRouter>();
        }
        services.AddSingleton<HttpInteractionRunner>();
        services.AddSingleton<Microsoft.Extensions.Logging.ILogger<HttpInteractionRunner>>(_runnerLog);
        _services = services.BuildServiceProvider();
        return new HttpInteractionsEndpoint(new InteractionSignature(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey), _discordClock),
            _services.GetRequiredService<HttpInteractionRunner>(), _discordClock, _log);
    }

    private sealed class SpyHandler(List<Interaction> routed, IInitialResponse initial) : IInteractionHandler
    {
        public Task HandleAsync(Interaction interaction, CancellationToken ct)
        {
            lock (routed)
            {
                routed.Add(interaction);
            }
            return initial.SendAsync(interaction, InteractionResponse.Message(new MessagePayload { Content = "hello" }), ct);
        }
    }

    private sealed class ThrowingHandler : IInteractionHandler
    {
        public Task HandleAsync(Interaction interaction, CancellationToken ct) => throw new InvalidOperationException("boom");
    }

    /// <summary>Shared by every scope's handler: how many run at once, and the release they wait for.</summary>
    private sealed class Gate
    {
        private readonly Lock _lock = new();
        private int _running;
        private int _most;

        public int MostAtOnce => Volatile.Read(ref _most);

        public TaskCompletionSource FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task PassAsync()
        {
            var running = Interlocked.Increment(ref _running);
            lock (_lock)
            {
                _most = Math.Max(_most, running);
            }
            FirstStarted.TrySetResult();
            await Release.Task;
            Interlocked.Decrement(ref _running);
        }
    }

    private sealed class GatedHandler(Gate gate, IInitialResponse initial) : IInteractionHandler
    {
        public async Task HandleAsync(Interaction interaction, CancellationToken ct)
        {
            await gate.PassAsync();
            await initial.SendAsync(interaction, InteractionResponse.Message(new MessagePayload { Content = "ok" }), ct);
        }
    }

    private sealed class SlowCommand(Task<InteractionReply> reply) : ISlashCommand
    {
        public ApplicationCommand Definition { get; } = new() { Name = "slow", Description = "Slow" };

        public ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct) => new(reply);
    }

    private static async Task<(int Status, string? ContentType, string Body)> PostAsync(HttpInteractionsEndpoint endpoint, string body,
        string? signature, string? timestamp, Func<Task>? pump = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        if (signature is not null)
        {
            http.Request.Headers["X-Signature-Ed25519"] = signature;
        }
        if (timestamp is not null)
        {
            http.Request.Headers["X-Signature-Timestamp"] = timestamp;
        }
        var response = new MemoryStream();
        http.Response.Body = response;
        var handling = endpoint.HandleAsync(http);
        using var give = new CancellationTokenSource(Pump);
        while (!handling.IsCompleted && pump is not null)
        {
            await pump();
            await Task.Delay(10, give.Token);
        }
        await handling.WaitAsync(Pump);
        return (http.Response.StatusCode, http.Response.ContentType, Encoding.UTF8.GetString(response.ToArray()));
    }

    private static string Json(Interaction interaction) => JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction);

    [Fact]
    public async Task A_signed_ping_gets_200_with_type_1_as_json()
    {
        var endpoint = Endpoint(spy: true);
        const string ping = """{"id":"1","application_id":"5","type":1,"token":"t","version":1}""";

        var (status, contentType, body) = await PostAsync(endpoint, ping, Sign(Now, ping), Now);

        Assert.Equal(200, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal("""{"type":1}""", body);
        Assert.Empty(_routed);
    }

    public static TheoryData<string> Refusals => ["no signature", "no timestamp", "another key", "tampered body", "six minutes old", "not hex"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_request_not_signed_by_discord_now_is_refused_with_401_before_anything_reads_the_body(string refusal)
    {
        var endpoint = Endpoint(spy: true);
        var timestamp = Now;
        var (signature, stamp, body) = refusal switch
        {
            "no signature" => (null, timestamp, Unparseable),
            "no timestamp" => (Sign(timestamp, Unparseable), null, Unparseable),
            "another key" => (Sign(timestamp, Unparseable, Key.Create(SignatureAlgorithm.Ed25519)), timestamp, Unparseable),
            "tampered body" => (Sign(timestamp, """{"type":1}"""), timestamp, Unparseable),
            "six minutes old" => (Sign(Seconds(-360), Unparseable), Seconds(-360), Unparseable),
            _ => ("zz" + Sign(timestamp, Unparseable)[2..], timestamp, Unparseable),
        };

        var (status, _, response) = await PostAsync(endpoint, body, signature, stamp);

        Assert.Equal(401, status);
        Assert.Empty(response);
        Assert.Empty(_routed);
        // Had anything parsed this body, it would have logged it as unreadable.
        Assert.DoesNotContain(_log.Collector.GetSnapshot(), r => r.Id.Id == 3204);
    }

    private string Seconds(int fromNow) => (_discordClock.GetUtcNow().ToUnixTimeSeconds() + fromNow).ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(-240)]
    [InlineData(360)]
    public async Task A_signature_from_four_minutes_ago_or_from_a_clock_ahead_of_ours_is_accepted(int secondsFromNow)
    {
        var endpoint = Endpoint(spy: true);
        var body = Json(TestData.Command("question"));

        var (status, _, _) = await PostAsync(endpoint, body, Sign(Seconds(secondsFromNow), body), Seconds(secondsFromNow));

        Assert.Equal(200, status);
        Assert.Single(_routed);
    }

    [Fact]
    public async Task A_correctly_signed_body_that_is_not_an_interaction_is_a_400_and_reaches_no_handler()
    {
        var endpoint = Endpoint(spy: true);

        var (status, _, _) = await PostAsync(endpoint, Unparseable, Sign(Now, Unparseable), Now);

        Assert.Equal(400, status);
        Assert.Empty(_routed);
        Assert.Contains(_log.Collector.GetSnapshot(), r => r.Id.Id == 3204);
    }

    [Fact]
    public async Task A_body_over_the_cap_is_refused_unread()
    {
        var endpoint = Endpoint(spy: true);
        var body = new string(' ', HttpInteractionsEndpoint.MaxBodyBytes + 1);

        var (status, _, _) = await PostAsync(endpoint, body, Sign(Now, body), Now);

        Assert.Equal(413, status);
        Assert.Empty(_routed);
    }

    [Fact]
    public async Task An_interaction_is_answered_with_the_initial_response_as_the_json_body_with_no_mentions()
    {
        var endpoint = Endpoint(spy: true);
        var body = Json(TestData.Command("question"));

        var (status, contentType, response) = await PostAsync(endpoint, body, Sign(Now, body), Now);

        Assert.Equal(200, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal("""{"type":4,"data":{"content":"hello","allowed_mentions":{"parse":[]}}}""", response);
        Assert.NotEqual(0, Assert.Single(_routed).ReceivedAt);
        _rest.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_slow_command_is_answered_with_a_deferral_as_the_body_and_its_reply_then_edits_the_original_over_rest()
    {
        var reply = new TaskCompletionSource<InteractionReply>();
        var endpoint = Endpoint(new SlowCommand(reply.Task));
        var edited = new TaskCompletionSource<MessagePayload>();
        _rest.Setup(r => r.EditOriginalResponseAsync(5, "interaction-token", It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .Callback<ulong, string, MessagePayload, CancellationToken>((_, _, m, _) => edited.TrySetResult(m))
            .ReturnsAsync(new Message { Id = 9, ChannelId = TestData.ChannelId });
        var body = Json(TestData.Command("slow"));

        var (status, _, response) = await PostAsync(endpoint, body, Sign(Now, body), Now, () =>
        {
            _discordClock.Advance(TimeSpan.FromMilliseconds(100));
            return Task.CompletedTask;
        });

        Assert.Equal(200, status);
        Assert.Equal("""{"type":5}""", response);
        reply.SetResult(InteractionReply.Public(new MessagePayload { Content = "late but here" }));
        Assert.Equal("late but here", (await edited.Task.WaitAsync(Pump)).Content);
        _rest.Verify(r => r.RespondAsync(It.IsAny<ulong>(), It.IsAny<string>(), It.IsAny<InteractionResponse>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task An_upload_that_reaches_discord_before_the_deferral_it_edits_is_tried_again_shortly()
    {
        var picture = new FileUpload("stats.png", "image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47 });
        var endpoint = Endpoint(new SlowCommand(Task.FromResult(InteractionReply.Private(new MessagePayload { Content = "yours", Files = [picture] }))));
        var edits = 0;
        _rest.Setup(r => r.EditOriginalResponseAsync(5, "interaction-token", It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .Returns(() => Interlocked.Increment(ref edits) == 1
                ? throw new DiscordApiException(HttpStatusCode.NotFound, DiscordErrorCodes.UnknownMessage, "Unknown Message", "PATCH /webhooks/{application.id}/{interaction.token}/messages/@original")
                : Task.FromResult(new Message { Id = 9, ChannelId = TestData.ChannelId }));
        var body = Json(TestData.Command("slow"));

        var (status, _, response) = await PostAsync(endpoint, body, Sign(Now, body), Now);
        Assert.Equal(200, status);
        Assert.Equal("""{"type":5,"data":{"flags":64}}""", response);
        await Until.TrueAsync(() => Volatile.Read(ref edits) == 1, Pump);

        // The retry waits on the Discord clock: nothing more until it moves.
        await Task.Delay(50);
        Assert.Equal(1, Volatile.Read(ref edits));
        await Until.TrueAsync(() =>
        {
            _discordClock.Advance(TimeSpan.FromMilliseconds(100));
            return Volatile.Read(ref edits) == 2;
        }, Pump);
        _rest.Verify(r => r.EditOriginalResponseAsync(5, "interaction-token", It.Is<MessagePayload>(m => m.Files!.Count == 1), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task A_handler_that_throws_is_logged_with_the_command_name_and_the_request_fails_without_a_body()
    {
        var endpoint = Endpoint(handler: _ => new ThrowingHandler());
        var body = Json(TestData.Command("question"));

        var (status, _, response) = await PostAsync(endpoint, body, Sign(Now, body), Now);

        Assert.Equal(500, status);
        Assert.Empty(response);
        var failure = Assert.Single(_runnerLog.Collector.GetSnapshot(), r => r.Id.Id == 3206);
        Assert.Contains("question", failure.Message);
        Assert.Equal("boom", failure.Exception!.Message);
    }

    [Fact]
    public async Task Interactions_run_at_most_max_concurrent_interactions_at_once_as_over_the_gateway()
    {
        var gate = new Gate();
        var endpoint = Endpoint(handler: sp => new GatedHandler(gate, sp.GetRequiredService<IInitialResponse>()), maxConcurrent: 1);
        var first = Json(TestData.Command("question"));
        var second = Json(TestData.Command("streak"));

        var one = PostAsync(endpoint, first, Sign(Now, first), Now);
        await gate.FirstStarted.Task.WaitAsync(Pump);
        var two = PostAsync(endpoint, second, Sign(Now, second), Now);
        // Room for the second to start, were it allowed to.
        await Task.Delay(100);
        gate.Release.SetResult();

        Assert.Equal([200, 200], (await Task.WhenAll(one, two)).Select(r => r.Status));
        Assert.Equal(1, gate.MostAtOnce);
    }
}
