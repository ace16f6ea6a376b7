using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Rest;

namespace MlePrep.Bench.Scenarios;

/// <summary>
/// Scenario 3: members answering today's daily question through the real path (the answer modal's submit interaction:
/// length check, store, streak, live count): first spread over the answer window, then at capacity with a bounded number
/// outstanding (open loop above capacity only measures a growing queue), then an exact check of the stored state, the
/// board and the post's live count. The modal is opened once; submitting it is what every member's answer costs.
/// </summary>
internal static class AnswerBurst
{
    public const string Name = "3 · answers";
    private const string Answer = "Data drift is a change in P(X); concept drift is a change in P(y|X). I would monitor PSI and KS per feature, and alert on both.";
    private const ulong FirstMember = 1_200_000_000_000_100_000;

    /// <summary>VIEW_CHANNEL, SEND_MESSAGES, MANAGE_GUILD: what /daily set asks for.</summary>
    private const string AdminPermissions = "3104";

    /// <summary>Runs the scenario; <paramref name="storage"/> are the bot's storage settings (null: a fresh LiteDB file).</summary>
    public static async Task RunAsync(BenchOptions options, ResultTable table, string name = Name, IReadOnlyDictionary<string, string?>? storage = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 6, 30, 0, TimeSpan.Zero));
        await using var bot = await BenchBot.StartAsync(time: time, settings: storage);
        var (post, modalId, inputId) = await PostDailyAndOpenModalAsync(bot);

        // Phase 1, as the issue puts it: every member answers within 60 s (open loop, evenly spread).
        var members = options.AnsweringMembers;
        InteractionSpec Submit(ulong member) =>
            InteractionSpec.ModalSubmit(modalId, new Dictionary<string, string> { [inputId] = Answer }, ModalShape.Label, post.Id)
                .InGuild(bot.GuildId, bot.ChannelId).By(member, $"m{member % 100_000}");
        var spread = await Load.MeasureAsync(await Load.OpenLoopAsync(bot.Discord, members / options.AnswerWindow.TotalSeconds, members,
            i => Submit(FirstMember + (ulong)i)));
        table.Add(name, $"{members:N0} members within {options.AnswerWindow.TotalSeconds:0} s: latency", spread.Latency.Summary, "missed = 0",
            spread.Missed == 0);

        // Phase 2, capacity: as many more members as fast as the bot answers, 32 outstanding at a time.
        var burst = await Load.MeasureAsync(await Load.ClosedLoopAsync(bot.Discord, members, 32, i => Submit(FirstMember + (ulong)(members + i))));
        table.Add(name, $"{members:N0} more members, as fast as answered (32 in flight): answers stored/s", $"{burst.HandledRate:0} ({burst.Latency.Summary})",
            "≥ 2000/s", burst.HandledRate >= 2000 && burst.Missed == 0);
        table.Add(name, "exact state at the end", await CheckStateAsync(bot, time, post, 2 * members, spread.Answered + burst.Answered), "", null);

        var stored = await StorageOnlyAsync(bot, members);
        table.Add(name, $"storage path only ({members:N0} more members; store + streak per answer, as the modal does, no Discord)",
            $"{stored:0} answers/s", "≥ 2000/s", stored >= 2000);
    }

    /// <summary>
    /// What one answer costs the bot's storage: the same store and streak calls the modal makes, from as many threads as
    /// there are cores, without the emulator and the interaction round trip sharing the two cores.
    /// </summary>
    private static async Task<double> StorageOnlyAsync(BenchBot bot, int members)
    {
        var answers = bot.Service<IAnswerStore>();
        var streaks = bot.Service<StreakService>();
        var occurrence = (await bot.Service<IDailyStore>().LatestOccurrenceAsync(bot.ChannelId))!;
        var at = occurrence.PostedAt!.Value;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForAsync(0, members, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (i, _) =>
        {
            var member = FirstMember + 1_000_000 + (ulong)i;
            var saved = await answers.SaveAsync(new AnswerSubmission(bot.GuildId, member, bot.ChannelId, occurrence.QuestionId!, occurrence.Id, Answer, 0,
                new DateTimeOffset(at, TimeSpan.Zero).AddMinutes(5)));
            // The reply's streak: the recorded step, or derived when the answer was not one.
            if (await streaks.RecordAsync(bot.ChannelId, member, occurrence.Id, saved.Answer.AnsweredAt) is null)
            {
                await streaks.OfAsync(bot.ChannelId, member);
            }
        });
        return members / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<(Message Post, string ModalId, string InputId)> PostDailyAndOpenModalAsync(BenchBot bot)
    {
        await Reply(bot, InteractionSpec.SlashCommand("daily", new Dictionary<string, object> { ["time"] = "06:00", ["timezone"] = "UTC" }, "set").InGuild(bot.GuildId, bot.ChannelId, AdminPermissions));
        await Reply(bot, InteractionSpec.SlashCommand("daily", subcommand: "post").InGuild(bot.GuildId, bot.ChannelId, AdminPermissions));
        var post = await bot.Discord.WaitForMessageAsync(bot.ChannelId, m => m.Nonce is not null).WaitAsync(TimeSpan.FromSeconds(10));
        var answerButton = post.Components![0].Components!.Single(b => b.Emoji?.Name == "✍️").CustomId!;
        var modal = await Reply(bot, InteractionSpec.Button(answerButton, post.Id).InGuild(bot.GuildId, bot.ChannelId));
        return (post, (string)modal.Data!["custom_id"]!, (string)modal.Data["components"]![0]!["component"]!["custom_id"]!);
    }

    private static async Task<InteractionCallback> Reply(BenchBot bot, InteractionSpec spec) =>
        await (await bot.Discord.InjectInteractionAsync(spec)).Callback.WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Every member stored once with a streak of 1, the board's top 10 in id order (equal times), and the post's count.</summary>
    private static async Task<string> CheckStateAsync(BenchBot bot, FakeTimeProvider time, Message post, int members, int answered)
    {
        var daily = bot.Service<IDailyStore>();
        var schedule = (await daily.ScheduleAsync(bot.ChannelId))!;
        var occurrence = (await daily.LatestOccurrenceAsync(bot.ChannelId))!;
        var stored = await bot.Service<IAnswerStore>().CountForAsync(occurrence.Id);
        var checking = Stopwatch.StartNew();
        var standings = await bot.Service<StreakService>().StandingsAsync(schedule, BoardSort.Current, time.GetUtcNow());
        var board = Leaderboard.Rank(standings, FirstMember);
        var boardMs = checking.Elapsed.TotalMilliseconds;
        var streaksOfOne = standings.Count(s => s.Value == 1);
        var topInOrder = board.Top.Select(e => e.Standing.UserId).SequenceEqual(Enumerable.Range(0, 10).Select(i => FirstMember + (ulong)i));

        // The live count edits the post at most every 10 s of the bot's clock: one edit must now say everyone answered.
        time.Advance(TimeSpan.FromSeconds(11));
        var expected = $"{members} members answered";
        var edit = await bot.Discord.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.EndsWith($"/messages/{post.Id}", StringComparison.Ordinal)
            && r.Body!.ToJsonString().Contains(expected, StringComparison.Ordinal)).WaitAsync(TimeSpan.FromSeconds(15));
        var exact = stored == members && streaksOfOne == members && standings.Count == members && topInOrder && answered == members;
        return $"{(exact ? "exact" : "WRONG")}: {stored:N0} stored, {streaksOfOne:N0} streaks of 1, top 10 in order: {topInOrder}, " +
               $"post says \"{expected}\" ({edit.Status}); board over {members:N0} members took {boardMs:0} ms";
    }
}
