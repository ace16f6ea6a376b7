using System.Globalization;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Emulated;
using MlePrep.Bot.Storage.Postgres;
using MlePrep.Discord.Emulator;
using Xunit.Abstractions;

namespace MlePrep.Bot.Tests.Storage.Postgres;

/// <summary>
/// Three real bot processes on one PostgreSQL database against the emulator, as an operator runs them: 300 channels due
/// the same minute, one process killed (SIGKILL) mid-fan-out and restarted. Every channel gets exactly one post.
/// </summary>
[Trait("Category", "Process")]
[Collection(PostgresCollection.Name)]
public sealed class MultiProcessFanOutTests(PostgresServer server, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Processes = 3, Channels = 300;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-fanout-").FullName;
    private readonly List<RunningBot> _bots = [];
    private DiscordEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await DiscordEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var bot in _bots)
        {
            bot.Kill();
            output.WriteLine($"--- bot {bot.Index} (last lines) ---\n{bot.Tail()}");
        }
        await _emulator.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Three_processes_post_300_channels_due_the_same_minute_once_each_though_one_is_killed_mid_fan_out()
    {
        var guild = _emulator.Rest.AddGuild();
        var channels = Enumerable.Range(0, Channels).Select(i => _emulator.Rest.AddChannel(guild, name: $"daily-{i}")).ToArray();
        var connectionString = await server.CreateDatabaseAsync();
        // Due at the first whole minute that leaves the processes time to start.
        var now = DateTimeOffset.UtcNow;
        var due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(now.Second < 20 ? 1 : 2);
        using (var db = new PostgresDatabase(connectionString, PostgresSchema.Current))
        {
            var store = new PgDailyStore(db);
            foreach (var channel in channels)
            {
                await store.SaveAsync(new DailySchedule
                {
                    ChannelId = channel, GuildId = guild, Hour = due.Hour, Minute = due.Minute, TimeZoneId = "UTC", SetBy = 1, SetAt = now.UtcDateTime,
                });
            }
        }
        var settings = EmulatedBot.Settings(_emulator, guild, Path.Combine(_folder, "unused.db"), new EmulatedBotOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "PostgreSql",
                ["Storage:ConnectionString"] = connectionString,
                // Discord's 50 requests/s per token, shared by three processes.
                ["Discord:GlobalRateLimit"] = (50 / Processes).ToString(CultureInfo.InvariantCulture),
                ["Logging:LogLevel:Default"] = "Warning",
            },
        }).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        for (var i = 0; i < Processes; i++)
        {
            _bots.Add(RunningBot.Start(i, _folder, settings));
        }
        using var timeout = new CancellationTokenSource(Timeout);

        // Mid-fan-out: a fifth of the channels have their post, most are still to come.
        await WaitUntilAsync(() => Posted(channels) >= Channels / 5, timeout.Token);
        _bots[0].Kill();
        _bots[0] = RunningBot.Start(0, _folder, settings);

        await WaitUntilAsync(() => Posted(channels) == Channels, timeout.Token);
        output.WriteLine($"All {Channels} posted {(DateTimeOffset.UtcNow - due).TotalSeconds:F1} s after the due time; 429s: {_emulator.Rest.RateLimitedCount}");
        // Everything settled: no post left pending, and Quartz has recovered (or dropped) the killed process's fires.
        using var check = new PostgresDatabase(connectionString, PostgresSchema.Current);
        await WaitUntilAsync(async () =>
            await check.Source.Command("SELECT count(*) FROM daily_occurrences WHERE status = $1", (short)OccurrenceStatus.Posted).LongAsync() == Channels
            && await check.Source.Command("SELECT count(*) FROM qrtz_fired_triggers").LongAsync() == 0, timeout.Token);

        var date = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.All(channels, channel => Assert.Single(DailyPosts(channel)));
        var ledger = await check.Source.Command("SELECT channel_id, message_id FROM daily_occurrences WHERE local_date = $1", date)
            .ListAsync(r => (Channel: (ulong)r.GetInt64(0), Message: (ulong)r.GetInt64(1)));
        Assert.Equal(channels.Order(), ledger.Select(e => e.Channel).Order());
        Assert.All(ledger, e => Assert.Equal(DailyPosts(e.Channel).Single().Id, e.Message));
        Assert.Equal(0, _emulator.Rest.RateLimitedCount);
        Assert.All(_bots, bot => Assert.False(bot.HasExited, $"bot {bot.Index} stopped: {bot.Tail()}"));
    }

    private IEnumerable<Discord.Rest.Message> DailyPosts(ulong channel) => _emulator.Rest.Messages(channel).Where(m => m.Nonce is not null);

    private int Posted(ulong[] channels) => channels.Count(c => DailyPosts(c).Any());

    private static Task WaitUntilAsync(Func<bool> done, CancellationToken ct) => WaitUntilAsync(() => Task.FromResult(done()), ct);

    private static async Task WaitUntilAsync(Func<Task<bool>> done, CancellationToken ct)
    {
        while (!await done())
        {
            await Task.Delay(250, ct);
        }
    }
}
