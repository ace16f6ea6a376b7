using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Daily;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;

namespace MlePrep.Bot.Tests.EndToEnd;

/// <summary>Daily questions with the real host, real Quartz and the emulator; the bot's clock is a fake one moved by the test.</summary>
[Trait("Category", "EndToEnd")]
public sealed class DailyFlowTests : IAsyncLifetime
{
    // Sunday 29 Nov 2026, 08:59:50 in Berlin: ten seconds before a 09:00 schedule.
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 7, 59, 50, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private BotFixture _bot = null!;

    public async Task InitializeAsync() => _bot = await BotFixture.StartAsync(_time);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private IDailyStore Store => _bot.Service<IDailyStore>();

    private async Task SetDailyAsync(ulong? channelId = null, string time = "09:00")
    {
        var options = new Dictionary<string, object> { ["time"] = time, ["timezone"] = "Europe/Berlin" };
        var spec = InteractionSpec.SlashCommand("daily", options, "set").InGuild(_bot.GuildId, channelId ?? _bot.ChannelId, BotFixture.AdminPermissions);
        var (_, reply) = await _bot.SendAsync(spec);
        Assert.Contains("Daily question set", (string)reply.Data!["content"]!);
    }

    /// <summary>Restarts the bot and waits until its start-up catch-up is done.</summary>
    private async Task RestartAsync(Action? whileStopped = null)
    {
        await _bot.StopBotAsync();
        whileStopped?.Invoke();
        await _bot.StartBotAsync(_time);
        await _bot.Host.Services.GetServices<IHostedService>().OfType<DailyRecovery>().Single().ExecuteTask!.WaitAsync(BotFixture.Timeout);
    }

    private async Task<DailyOccurrence> WaitForOccurrenceAsync(string localDate, OccurrenceStatus status)
    {
        using var timeout = new CancellationTokenSource(BotFixture.Timeout);
        while ((await Store.OccurrenceAsync($"{_bot.ChannelId}:{localDate}")) is not { } o || o.Status != status)
        {
            await Task.Delay(20, timeout.Token);
        }
        return (await Store.OccurrenceAsync($"{_bot.ChannelId}:{localDate}"))!;
    }

    [Fact]
    public async Task A_schedule_due_in_seconds_posts_exactly_once_and_a_restart_just_after_posts_nothing_more()
    {
        await SetDailyAsync();

        _time.Advance(TimeSpan.FromSeconds(15));
        var post = await _bot.Discord.WaitForMessageAsync(_bot.ChannelId, m => m.Nonce is not null).WaitAsync(BotFixture.Timeout);
        Assert.Equal("Daily question · Sun 29 Nov", post.Embeds[0].Title);
        Assert.Equal(["💡", "✍️"], post.Components![0].Components!.Select(b => b.Emoji!.Name));
        await WaitForOccurrenceAsync("2026-11-29", OccurrenceStatus.Posted);

        _time.Advance(TimeSpan.FromSeconds(30));
        await RestartAsync();

        Assert.Single(_bot.DailyPosts());
    }

    [Fact]
    public async Task A_host_stopped_across_the_due_time_posts_once_late_and_three_missed_days_leave_skips()
    {
        await SetDailyAsync();

        await RestartAsync(() => _time.Advance(TimeSpan.FromMinutes(30)));
        var late = Assert.Single(_bot.DailyPosts());
        Assert.Contains("Posted late: the bot was offline at 09:00", late.Content);

        await RestartAsync(() => _time.Advance(TimeSpan.FromDays(3)));

        Assert.Equal(2, _bot.DailyPosts().Count);
        var ledger = (await Store.OccurrencesOfAsync(_bot.ChannelId));
        Assert.Equal(["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"], ledger.Select(o => o.LocalDate));
        Assert.Equal([OccurrenceStatus.Posted, OccurrenceStatus.Skipped, OccurrenceStatus.Skipped, OccurrenceStatus.Posted], ledger.Select(o => o.Status));
        Assert.True(ledger[^1].Late);
    }

    [Fact]
    public async Task Three_refused_days_pause_the_schedule_and_status_says_why()
    {
        await SetDailyAsync();
        _bot.Discord.SetChannelAccess(_bot.ChannelId, ChannelAccess.MissingPermissions);

        foreach (var date in new[] { "2026-11-29", "2026-11-30", "2026-12-01" })
        {
            _time.Advance(date == "2026-11-29" ? TimeSpan.FromSeconds(15) : TimeSpan.FromDays(1));
            await WaitForOccurrenceAsync(date, OccurrenceStatus.Failed);
        }

        Assert.True((await Store.ScheduleAsync(_bot.ChannelId))!.Paused);
        var (_, status) = await _bot.CommandAsync("daily", subcommand: "status", admin: true);
        Assert.Contains("paused after 3 failed posts in a row: the bot lacks a permission there", (string)status.Data!["embeds"]![0]!["description"]!);
        Assert.Empty(_bot.DailyPosts());
    }

    [Fact]
    public async Task A_member_without_manage_server_is_refused()
    {
        var (_, reply) = await _bot.CommandAsync("daily", new Dictionary<string, object> { ["time"] = "09:00", ["timezone"] = "UTC" }, "set");

        Assert.True(BotFixture.IsEphemeral(reply));
        Assert.Contains("Manage Server", (string)reply.Data!["content"]!);
        Assert.Null((await Store.ScheduleAsync(_bot.ChannelId)));
    }

    [Fact]
    public async Task Five_hundred_channels_due_in_the_same_minute_all_post_once_within_the_rate_limits()
    {
        var scheduler = _bot.Service<IDailyScheduler>();
        var channels = Enumerable.Range(0, 500).Select(i => _bot.Discord.AddChannel(_bot.GuildId, ChannelTypes.GuildText, $"daily-{i}")).ToArray();
        foreach (var channel in channels)
        {
            var schedule = new DailySchedule { ChannelId = channel, GuildId = _bot.GuildId, Hour = 9, TimeZoneId = "Europe/Berlin", SetAt = Start.UtcDateTime };
            await Store.SaveAsync(schedule);
            await scheduler.UpsertAsync(schedule, default);
        }

        _time.Advance(TimeSpan.FromSeconds(15));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (channels.Sum(c => _bot.Discord.Messages(c).Count) < channels.Length)
        {
            await Task.Delay(100, timeout.Token);
        }

        Assert.All(channels, c => Assert.Single(_bot.Discord.Messages(c)));
        var limited = _bot.Discord.Requests.Where(r => r.Status == 429).Select(r => $"{r.Method} {r.Route} {r.Time:HH:mm:ss.fff} {r.Body}");
        Assert.Empty(limited);
    }

    [Fact]
    public async Task A_brief_outage_at_the_due_time_is_retried_within_the_day()
    {
        await SetDailyAsync();
        _bot.Discord.ScriptFault("POST /channels/{channel_id}/messages", 3, EmulatorFault.Error(503));

        _time.Advance(TimeSpan.FromSeconds(15));
        var failed = await WaitForOccurrenceAsync("2026-11-29", OccurrenceStatus.Failed);
        Assert.True(failed.Transient);
        Assert.Empty(_bot.DailyPosts());

        _time.Advance(DailyPoster.FirstRetryDelay + TimeSpan.FromSeconds(1));
        var posted = await WaitForOccurrenceAsync("2026-11-29", OccurrenceStatus.Posted);

        Assert.Equal(posted.MessageId, Assert.Single(_bot.DailyPosts()).Id);
        Assert.False(posted.Late);
    }

    [Fact]
    public async Task Daily_status_of_a_hundred_schedules_is_accepted_by_discord()
    {
        for (var i = 0; i < 100; i++)
        {
            var channel = _bot.Discord.AddChannel(_bot.GuildId, ChannelTypes.GuildText, $"daily-{i}");
            await Store.SaveAsync(new DailySchedule
            {
                ChannelId = channel, GuildId = _bot.GuildId, Hour = 9, TimeZoneId = "America/Argentina/ComodRivadavia", Category = "ml-system-design",
                Paused = true, PausedReason = "paused after 3 failed posts in a row: " + new string('x', 500), PingRoleId = 1_200_000_000_000_000_999,
            });
        }

        var (interaction, status) = await _bot.CommandAsync("daily", subcommand: "status", admin: true);

        Assert.Contains("Page 1 of", (string)status.Data!["embeds"]![0]!["footer"]!["text"]!);
        var callback = await _bot.Discord.WaitForRequestAsync(r => r.Path.StartsWith($"/interactions/{interaction.Id}/", StringComparison.Ordinal)).WaitAsync(BotFixture.Timeout);
        Assert.Equal(204, callback.Status);
    }

    [Fact]
    public async Task Set_for_another_channel_names_the_permissions_the_bot_lacks_there_and_saves_nothing()
    {
        var other = _bot.Discord.AddChannel(_bot.GuildId, ChannelTypes.GuildText, "announcements");
        _bot.Discord.SetOverwrite(other, _bot.GuildId, type: 0, allow: 0, deny: DiscordPermissions.SendMessages | DiscordPermissions.EmbedLinks);
        var options = new Dictionary<string, object> { ["time"] = "09:00", ["timezone"] = "Europe/Berlin" };
        var spec = EmulatorRest.WithEntityOptions(
            InteractionSpec.SlashCommand("daily", options, "set").InGuild(_bot.GuildId, _bot.ChannelId, BotFixture.AdminPermissions),
            channels: new Dictionary<string, ulong> { ["channel"] = other });

        var (_, refused) = await _bot.SendAsync(spec);

        Assert.Contains("I'm missing **Send Messages**, **Embed Links** there", (string)refused.Data!["content"]!);
        Assert.Null((await Store.ScheduleAsync(other)));

        // A role of the bot's allowed in the channel's overwrites lifts the @everyone deny.
        const ulong botRole = 1_200_000_000_000_000_500;
        _bot.Discord.SetRole(_bot.GuildId, botRole, permissions: 0, name: "MlePrep");
        _bot.Discord.GiveBotRole(_bot.GuildId, botRole);
        _bot.Discord.SetOverwrite(other, botRole, type: 0, allow: DiscordPermissions.SendMessages | DiscordPermissions.EmbedLinks, deny: 0);
        var (_, accepted) = await _bot.SendAsync(spec);

        Assert.Contains("Daily question set", (string)accepted.Data!["content"]!);
        Assert.NotNull((await Store.ScheduleAsync(other)));
    }
}

/// <summary>Daily posts across a restart, with the emulator on the same fake clock as the bot (so Discord's nonce window can pass).</summary>
[Trait("Category", "EndToEnd")]
public sealed class DailyRestartFlowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 7, 59, 50, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private BotFixture _bot = null!;

    public async Task InitializeAsync() => _bot = await BotFixture.StartAsync(_time, discordTime: _time);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_post_that_landed_before_a_crash_is_adopted_after_the_nonce_window_instead_of_posted_twice()
    {
        var options = new Dictionary<string, object> { ["time"] = "09:00", ["timezone"] = "Europe/Berlin" };
        await _bot.SendAsync(InteractionSpec.SlashCommand("daily", options, "set").InGuild(_bot.GuildId, _bot.ChannelId, BotFixture.AdminPermissions));
        _time.Advance(TimeSpan.FromSeconds(15));
        var landed = await _bot.Discord.WaitForMessageAsync(_bot.ChannelId, m => m.Nonce is not null).WaitAsync(BotFixture.Timeout);
        var store = _bot.Service<IDailyStore>();
        using (var timeout = new CancellationTokenSource(BotFixture.Timeout))
        {
            while ((await store.OccurrenceAsync($"{_bot.ChannelId}:2026-11-29"))?.Status != OccurrenceStatus.Posted)
            {
                await Task.Delay(20, timeout.Token);
            }
        }

        // As if the process died after Discord took the post and before the ledger recorded it.
        var occurrence = (await store.OccurrenceAsync($"{_bot.ChannelId}:2026-11-29"))!;
        await store.SaveAsync(occurrence with { Status = OccurrenceStatus.Pending, MessageId = null, PostedAt = null });
        await _bot.StopBotAsync();
        _time.Advance(TimeSpan.FromMinutes(10)); // past enforce_nonce's few minutes
        await _bot.StartBotAsync(_time);
        await _bot.Host.Services.GetServices<IHostedService>().OfType<DailyRecovery>().Single().ExecuteTask!.WaitAsync(BotFixture.Timeout);

        Assert.Equal(landed.Id, Assert.Single(_bot.DailyPosts()).Id);
        var adopted = (await _bot.Service<IDailyStore>().OccurrenceAsync($"{_bot.ChannelId}:2026-11-29"))!;
        Assert.Equal((OccurrenceStatus.Posted, landed.Id), (adopted.Status, adopted.MessageId!.Value));
    }
}
