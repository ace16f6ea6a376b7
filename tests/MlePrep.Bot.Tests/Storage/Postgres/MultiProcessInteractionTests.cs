using System.Globalization;
using System.Text.Json;
using MlePrep.Bot.Emulated;
using MlePrep.Bot.Tests.EndToEnd;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Gateway;
using MlePrep.Discord.Emulator.Http;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;
using Xunit.Abstractions;

namespace MlePrep.Bot.Tests.Storage.Postgres;

/// <summary>
/// Three real bot processes on one PostgreSQL database against the emulator, as gateway shards of 3 and as Http
/// endpoints behind its round-robin: every interaction is answered once, and what one process stores the others read at
/// once. A guild's interactions all reach its own shard, so across shards the shared reads are the member's own data
/// (/mydata spans servers); behind the round-robin, /streak and /leaderboard are served by processes that did not store
/// the answer, one of which read the board before it changed.
/// </summary>
[Trait("Category", "Process")]
[Collection(PostgresCollection.Name)]
public sealed class MultiProcessInteractionTests(PostgresServer server, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Processes = 3;
    private const ulong Member = BotFixture.Member;
    private const string AnswerText = "Data drift is a change in P(X); concept drift is a change in P(y|X). I would monitor PSI and KS per feature.";

    /// <summary>LOADING: the "thinking…" message of a deferred reply.</summary>
    private const int Loading = 1 << 7;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-multi-").FullName;
    private readonly List<RunningBot> _bots = [];
    private readonly List<Interaction> _interactions = [];
    private DiscordEmulator _emulator = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var bot in _bots)
        {
            bot.Kill();
            output.WriteLine($"--- bot {bot.Index} (last lines) ---\n{bot.Tail()}");
        }
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Three_shard_processes_answer_every_guilds_interactions_once_and_read_what_the_others_stored()
    {
        // max_concurrency 3: each shard its own identify bucket, so the three may identify at once.
        _emulator = await DiscordEmulator.StartAsync(new EmulatorOptions { HeartbeatInterval = TimeSpan.FromSeconds(5), MaxConcurrency = Processes });
        var guilds = ShardFlowTests.AddGuildPerShard(_emulator);
        var settings = await SettingsAsync(guilds[0].Guild, new()
        {
            ["Discord:ShardCount"] = Processes.ToString(CultureInfo.InvariantCulture),
            // Global registration: the commands exist in every guild, whichever shard carries it.
            ["Discord:DevGuildId"] = "",
        });
        for (var shard = 0; shard < Processes; shard++)
        {
            _bots.Add(RunningBot.Start(shard, _folder, new Dictionary<string, string?>(settings)
            {
                ["Discord__ShardIds"] = shard.ToString(CultureInfo.InvariantCulture),
                ["Storage__DatabasePath"] = DatabasePath(shard),
            }));
        }
        await WaitUntilReadyAsync();
        Assert.Equal(Processes, _emulator.Gateway.IdentifiedShards.Count);
        Assert.Empty(_emulator.Gateway.IdentifyFaults);

        // In each guild, through its shard's process: practice, a daily answer, and the guild's own streak and board.
        var graded = false;
        foreach (var (_, guild, channel) in guilds)
        {
            var answered = await PracticeAndAnswerTheDailyAsync(guild, channel);
            await AssertStreakAndBoardAsync(guild, channel);
            if (!graded)
            {
                var key = await FinalAsync(answered);
                var grade = key.Components!.SelectMany(r => r.Components!).First(c => c.CustomId?.StartsWith("grade:", StringComparison.Ordinal) == true).CustomId!;
                await SendAsync(InteractionSpec.Button(grade, key.Id).InGuild(guild, channel).By(Member, "member"));
                graded = true;
            }
        }

        // What three processes stored, one lists and deletes: the member's answers, reveals and grades span servers.
        var (_, lastGuild, lastChannel) = guilds[^1];
        var (mydataCommand, _) = await SendAsync(InteractionSpec.SlashCommand("mydata").InGuild(lastGuild, lastChannel).By(Member, "member"));
        var listing = await FinalAsync(mydataCommand);
        var listed = listing.Content!;
        Assert.Contains($"Answers: {Processes} ({Processes} to daily questions)", listed);
        Assert.Contains($"Hint reveals: {Processes}", listed);
        Assert.Contains("Self-grades: 1 (1 questions)", listed);
        var (_, deleted) = await SendAsync(InteractionSpec.Button($"mydata:delete:{Member}", listing.Id).InGuild(lastGuild, lastChannel).By(Member, "member"));
        Assert.Contains($"Deleted {Processes} answers ({Processes} to daily questions), {Processes} hint reveals, 1 self-grades", (string)deleted.Data!["content"]!);
        Assert.Contains("Current streak: **0**", await TextAsync(InteractionSpec.SlashCommand("streak").InGuild(guilds[0].Guild, guilds[0].Channel).By(Member, "member")));

        foreach (var interaction in _interactions)
        {
            var key = interaction.Id.ToString(CultureInfo.InvariantCulture);
            // Delivered to one session, of the guild's shard, and answered with one callback.
            var delivery = Assert.Single(_emulator.Gateway.Deliveries, d => d.EventName == "INTERACTION_CREATE" && d.Id == key);
            Assert.Equal(EmulatorGateway.ShardOf(interaction.GuildId!.Value, Processes), delivery.Shard.Id);
            Assert.Single(_emulator.Rest.Requests, r => r.Method == "POST" && r.Path.Contains($"/interactions/{key}/", StringComparison.Ordinal)
                && r.Path.EndsWith("/callback", StringComparison.Ordinal));
        }
        Assert.All(_bots, bot => Assert.False(bot.HasExited, $"bot {bot.Index} stopped: {bot.Tail()}"));
    }

    [Fact]
    public async Task Three_http_processes_behind_the_round_robin_answer_once_and_read_an_answer_another_stored_at_once()
    {
        _emulator = await DiscordEmulator.StartAsync();
        var guild = _emulator.Rest.AddGuild("Study server");
        var channel = _emulator.Rest.AddChannel(guild, ChannelTypes.GuildText, "interview-prep");
        var settings = await SettingsAsync(guild, new()
        {
            ["Interactions:Mode"] = "Http",
            ["Interactions:PublicKey"] = _emulator.HttpInteractions.PublicKey,
        });
        var ports = Enumerable.Range(0, Processes).Select(_ => PostgresServer.FreePort()).ToArray();
        for (var i = 0; i < Processes; i++)
        {
            _bots.Add(RunningBot.Start(i, _folder, new Dictionary<string, string?>(settings)
            {
                ["Interactions__Url"] = $"http://127.0.0.1:{ports[i]}",
                ["Storage__DatabasePath"] = DatabasePath(i),
            }));
        }
        await WaitUntilReadyAsync();
        var endpoints = ports.Select(p => new Uri($"http://127.0.0.1:{p}/interactions")).ToArray();
        await _emulator.HttpInteractions.UseEndpointsAsync(endpoints);

        // Each process reads the streak and the board before the answer: whatever it keeps must not go stale.
        await PracticeAndAnswerTheDailyAsync(guild, channel, readsBefore: () => ReadRoundAsync(guild, channel));
        var answer = Served(_interactions[^1].Id);
        for (var round = 0; round < Processes; round++)
        {
            await AssertStreakAndBoardAsync(guild, channel);
        }

        var reads = _interactions.TakeLast(2 * Processes).Select(i => Served(i.Id)).ToList();
        Assert.Equal(endpoints.Select(u => u.ToString()).Order(), reads.Select(d => d.Url.ToString()).Distinct().Order());
        Assert.Equal(2 * (Processes - 1), reads.Count(d => d.Url != answer.Url));
        // One POST per interaction, answered in its body; nothing over the callback endpoint.
        Assert.All(_interactions, i => Assert.Equal((200, (string?)null), (Served(i.Id).Status, Served(i.Id).Error)));
        Assert.DoesNotContain(_emulator.Rest.Requests, r => r.Path.EndsWith("/callback", StringComparison.Ordinal));
        Assert.Equal(0, _emulator.Gateway.IdentifyCount);
        Assert.All(_bots, bot => Assert.False(bot.HasExited, $"bot {bot.Index} stopped: {bot.Tail()}"));
    }

    /// <summary>
    /// /question and its first Hint, /daily set and post, then the member's answer to the daily question; returns the
    /// answer (its reply is the key with the grade buttons).
    /// </summary>
    private async Task<InjectedInteraction> PracticeAndAnswerTheDailyAsync(ulong guild, ulong channel, Func<Task>? readsBefore = null)
    {
        var (question, _) = await SendAsync(InteractionSpec.SlashCommand("question").InGuild(guild, channel).By(Member, "member"));
        var message = await FinalAsync(question);
        Assert.Equal(0, (message.Flags ?? 0) & MessageFlags.Ephemeral);
        var hintId = message.Components![0].Components![0].CustomId!;
        var (_, hint) = await SendAsync(InteractionSpec.Button(hintId, message.Id).InGuild(guild, channel).By(Member, "member"));
        Assert.Equal(MessageFlags.Ephemeral, ((int?)hint.Data?["flags"] ?? 0) & MessageFlags.Ephemeral);

        Assert.Contains("Daily question set", await TextAsync(InteractionSpec.SlashCommand("daily", new Dictionary<string, object> { ["time"] = "06:00", ["timezone"] = "UTC" }, "set")
            .InGuild(guild, channel, BotFixture.AdminPermissions).By(Member + 1, "admin")));
        await TextAsync(InteractionSpec.SlashCommand("daily", subcommand: "post").InGuild(guild, channel, BotFixture.AdminPermissions).By(Member + 1, "admin"));
        var post = Assert.Single(_emulator.Rest.Messages(channel), m => m.Embeds is [{ Title: { } title }] && title.StartsWith("Daily question ·", StringComparison.Ordinal));
        if (readsBefore is not null)
        {
            await readsBefore();
        }

        var answerId = post.Components![0].Components!.Single(b => b.Emoji?.Name == "✍️").CustomId!;
        var (_, modal) = await SendAsync(InteractionSpec.Button(answerId, post.Id).InGuild(guild, channel).By(Member, "member"));
        Assert.Equal(InteractionCallbackType.Modal, modal.Type);
        var inputId = (string)modal.Data!["components"]![0]!["component"]!["custom_id"]!;
        var (submit, answered) = await SendAsync(InteractionSpec.ModalSubmit((string)modal.Data["custom_id"]!,
            new Dictionary<string, string> { [inputId] = AnswerText }, ModalShape.Label, post.Id).InGuild(guild, channel).By(Member, "member"));
        Assert.Equal(MessageFlags.Ephemeral, ((int?)answered.Data?["flags"] ?? 0) & MessageFlags.Ephemeral);
        return submit;
    }

    private async Task ReadRoundAsync(ulong guild, ulong channel)
    {
        for (var i = 0; i < Processes; i++)
        {
            Assert.Contains("Current streak: **0**", await TextAsync(InteractionSpec.SlashCommand("streak").InGuild(guild, channel).By(Member, "member")));
            Assert.DoesNotContain($"<@{Member}>", await TextAsync(InteractionSpec.SlashCommand("leaderboard").InGuild(guild, channel).By(Member, "member")));
        }
    }

    private async Task AssertStreakAndBoardAsync(ulong guild, ulong channel)
    {
        Assert.Contains("Current streak: **1**", await TextAsync(InteractionSpec.SlashCommand("streak").InGuild(guild, channel).By(Member, "member")));
        Assert.Contains($"<@{Member}> · **1** (you)", await TextAsync(InteractionSpec.SlashCommand("leaderboard").InGuild(guild, channel).By(Member, "member")));
    }

    private async Task<(InjectedInteraction Interaction, InteractionCallback Callback)> SendAsync(InteractionSpec spec)
    {
        var injected = await _emulator.Rest.InjectInteractionAsync(spec);
        _interactions.Add(injected.Interaction);
        return (injected, await injected.Callback.WaitAsync(Timeout));
    }

    /// <summary>A command's reply text: the callback's, or the edit that completes a deferred ("thinking…") reply.</summary>
    private async Task<string> TextAsync(InteractionSpec spec)
    {
        var (interaction, _) = await SendAsync(spec);
        return (await FinalAsync(interaction)).Content ?? "";
    }

    /// <summary>The original response once complete: a reply that took long is deferred first and edited later.</summary>
    private static Task<Message> FinalAsync(InjectedInteraction interaction) =>
        interaction.WaitForOriginalAsync(m => ((m.Flags ?? 0) & Loading) == 0).WaitAsync(Timeout);

    private HttpDelivery Served(ulong interactionId) => Assert.Single(_emulator.HttpInteractions.Deliveries, d => d.InteractionId == interactionId);

    /// <summary>The processes' environment: one fresh PostgreSQL database, the emulator, quiet logs (each process then names its own database path).</summary>
    private async Task<Dictionary<string, string?>> SettingsAsync(ulong guild, Dictionary<string, string?> extra)
    {
        extra["Storage:Provider"] = "PostgreSql";
        extra["Storage:ConnectionString"] = await server.CreateDatabaseAsync();
        extra["Logging:LogLevel:Default"] = "Warning";
        return EmulatedBot.Settings(_emulator, guild, DatabasePath(0), new EmulatedBotOptions { Settings = extra })
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
    }

    /// <summary>Where a process's health status file goes (<c>&lt;path&gt;.health</c>); PostgreSQL holds the data.</summary>
    private string DatabasePath(int process) => Path.Combine(_folder, $"bot{process}.db");

    /// <summary>
    /// Every process ready by its own health report (interactions, database, scheduler, questions), so the first
    /// interaction does not race the start-up.
    /// </summary>
    private async Task WaitUntilReadyAsync()
    {
        using var expiry = new CancellationTokenSource(Timeout);
        for (var i = 0; i < Processes; i++)
        {
            while (!Ready(DatabasePath(i) + ".health"))
            {
                Assert.All(_bots, bot => Assert.False(bot.HasExited, $"bot {bot.Index} stopped: {bot.Tail()}"));
                await Task.Delay(100, expiry.Token);
            }
        }
    }

    private static bool Ready(string statusFile)
    {
        try
        {
            using var report = JsonDocument.Parse(File.ReadAllBytes(statusFile));
            return report.RootElement.GetProperty("ready").GetBoolean();
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }
}
