using System.Diagnostics;
using System.Text.Json;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Practice;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;
using MlePrep.Discord.Serialization;

namespace MlePrep.Bot;

/// <summary>
/// Runs the busiest interactions (/question, 💡 Hint on a post and on its card, 🎲 Another) once through the real router
/// and handlers while the bot connects, so the first members after a start do not wait for the JIT and for first-use
/// set-up (the payloads' JSON metadata, the storage code, the async machinery). Everything it touches is thrown away:
/// an in-memory database, replies serialised as the callback would send them and dropped, and a deadline clock that
/// never fires, so the router never defers and never calls Discord. A failure is logged and the start goes on.
/// </summary>
internal static class InteractionWarmup
{
    private const ulong Guild = 1, Channel = 2, Member = 3, Application = 4, Post = 5;

    public static async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(InteractionWarmup));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var count = await RunInteractionsAsync(services, ct);
            Log.WarmedUp(logger, count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Log.WarmupFailed(logger, e);
        }
    }

    private static async Task<int> RunInteractionsAsync(IServiceProvider services, CancellationToken ct)
    {
        var bank = services.GetRequiredService<QuestionBank>();
        var question = bank.All.FirstOrDefault(q => q.Hints.Count > 1) ?? bank.All[0];
        using var database = BotDatabase.InMemory();
        var practice = new LitePracticeStore(database);
        var time = services.GetRequiredService<TimeProvider>();
        var picker = new QuestionPicker(practice, time, new Random(0));
        // Asks for no weakest topic, so this never reads a member's data.
        var weakTopics = services.GetRequiredService<IWeakTopics>();
        var router = new InteractionRouter(
            [new QuestionCommand(bank, picker, weakTopics)],
            [new HintButton(bank, practice, time), new AnotherButton(bank, picker, weakTopics)],
            services.GetRequiredService<IDiscordRestClient>(),
            new DroppedResponse(),
            new UnfiredClock(),
            // The real log: a handler that fails here says so, at the start, before a member meets it.
            services.GetRequiredService<ILogger<InteractionRouter>>());
        string[] interactions =
        [
            Command(10, "[]"),
            Command(11, $$"""[{"name":"id","type":3,"value":"{{question.Id}}"}]"""),
            Click(12, CustomIds.Format(new HintId(question.Id, 1)), flags: 0),
            Click(13, CustomIds.Format(new HintId(question.Id, 2)), flags: (int)MessageFlags.Ephemeral),
            Click(14, AnotherButton.CustomId(QuestionFilter.None), flags: 0),
        ];
        foreach (var json in interactions)
        {
            // As the gateway reads them, so the payloads' JSON metadata is ready too.
            var interaction = JsonSerializer.Deserialize(json, DiscordJsonContext.Default.Interaction)!;
            await router.HandleAsync(interaction with { ReceivedAt = Stopwatch.GetTimestamp() }, ct);
        }
        return interactions.Length;
    }

    private static string Command(ulong id, string options) =>
        Interaction(id, InteractionType.ApplicationCommand, """{"id":"6","name":"question","type":1,"options":""" + options + "}", message: "");

    private static string Click(ulong id, string customId, int flags) =>
        Interaction(id, InteractionType.MessageComponent, $$"""{"custom_id":"{{customId}}","component_type":2}""",
            message: $$$""","message":{"id":"{{{Post}}}","channel_id":"{{{Channel}}}","content":"","flags":{{{flags}}},"timestamp":"2026-01-01T00:00:00+00:00","author":{"id":"{{{Application}}}","username":"bot"}}""");

    private static string Interaction(ulong id, InteractionType type, string data, string message) =>
        $$$"""
        {"id":"{{{id}}}","application_id":"{{{Application}}}","type":{{{(int)type}}},"token":"warm-up","version":1,"guild_id":"{{{Guild}}}","channel_id":"{{{Channel}}}",
         "member":{"user":{"id":"{{{Member}}}","username":"warm-up"},"roles":[],"permissions":"0"},"app_permissions":"0","locale":"en-US","data":{{{data}}}{{{message}}}}
        """;

    /// <summary>Serialises the first response as the callback endpoint's body would be, and drops it.</summary>
    private sealed class DroppedResponse : IInitialResponse
    {
        public Task SendAsync(Interaction interaction, InteractionResponse response, CancellationToken ct)
        {
            JsonSerializer.SerializeToUtf8Bytes(response.WithDefaultMentions(), DiscordJsonContext.Default.InteractionResponse);
            return Task.CompletedTask;
        }
    }

    /// <summary>A clock whose timers never fire: the router's defer timer cannot run out, however slow the warm-up is.</summary>
    private sealed class UnfiredClock : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Unfired();

        private sealed class Unfired : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
