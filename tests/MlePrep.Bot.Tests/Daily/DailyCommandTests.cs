using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Bot.Tests.Daily;

public sealed class DailyCommandTests
{
    private readonly IDailyStore _store = new LiteDailyStore(BotDatabase.InMemory());
    private readonly Mock<IDailyScheduler> _scheduler = new();
    private readonly Mock<IDiscordRestClient> _rest = new();
    private readonly DailyCommand _command;

    /// <summary>What the bot may do in the invoking channel (<c>app_permissions</c>): everything a schedule needs.</summary>
    private ulong _appPermissions = DailyChannelAccess.Required(thread: true, mentionEveryone: true);

    private ResolvedData? _resolved;

    public DailyCommandTests()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var bank = new QuestionBank([TestData.Question("T1"), TestData.Question("B1", category: "behavioral", topic: "career")]);
        var locks = new DailyChannelLocks();
        var poster = new DailyPoster(_store, bank, _scheduler.Object, _rest.Object, locks, time, new Random(1), NullLogger<DailyPoster>.Instance);
        _command = new DailyCommand(_store, _scheduler.Object, poster, locks, new DailyChannelAccess(_rest.Object), bank, time);
    }

    private InteractionReply Run(string sub, ulong permissions, int channelType = ChannelTypes.GuildText, params (string Name, object Value)[] options)
    {
        var interaction = TestData.Interaction(InteractionType.ApplicationCommand, new InteractionData
        {
            Name = "daily",
            Options =
            [
                new CommandOptionValue
                {
                    Name = sub, Type = CommandOptionType.SubCommand,
                    Options = options.Select(o => new CommandOptionValue { Name = o.Name, Type = CommandOptionType.String, Value = JsonSerializer.SerializeToElement(o.Value) }).ToArray(),
                },
            ],
            Resolved = _resolved,
        }) with
        {
            Member = new GuildMember { User = new User { Id = TestData.UserId, Username = "ada" }, Permissions = permissions },
            Channel = new PartialChannel { Id = TestData.ChannelId, Type = channelType },
            AppPermissions = _appPermissions,
        };
        return _command.ExecuteAsync(new InteractionContext(interaction), default).AsTask().Result;
    }

    [Fact]
    public void The_command_is_for_manage_server_by_default()
    {
        Assert.Equal("32", _command.Definition.DefaultMemberPermissions);
        Assert.Equal(["set", "stop", "status", "post"], _command.Definition.Options!.Select(o => o.Name));
    }

    [Fact]
    public async Task A_member_without_manage_server_is_refused_and_nothing_is_stored()
    {
        var reply = Run("set", permissions: DiscordPermissions.SendMessages, options: [("time", "09:00"), ("timezone", "UTC")]);

        Assert.True(reply.Ephemeral);
        Assert.Contains("Manage Server", reply.Message!.Content);
        Assert.Null((await _store.ScheduleAsync(TestData.ChannelId)));
    }

    [Fact]
    public async Task Set_stores_the_schedule_and_lists_the_next_three_posts_as_discord_timestamps()
    {
        var reply = Run("set", DiscordPermissions.ManageGuild, options: [("time", "09:00"), ("timezone", "Europe/Berlin"), ("days", "weekdays")]);

        Assert.Contains("09:00 Europe/Berlin, weekdays", reply.Message!.Content);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(reply.Message.Content!, "<t:\\d+:F>").Count);
        Assert.Contains("<t:1796025600:F>", reply.Message.Content); // Mon 30 Nov 2026 08:00Z = 09:00 Berlin
        var schedule = (await _store.ScheduleAsync(TestData.ChannelId))!;
        Assert.Equal((9, 0, "Europe/Berlin", PostingDays.Weekdays), (schedule.Hour, schedule.Minute, schedule.TimeZoneId, schedule.Days));
        _scheduler.Verify(s => s.UpsertAsync(It.Is<DailySchedule>(d => d.ChannelId == schedule.ChannelId && d.Hour == 9), It.IsAny<CancellationToken>()));
    }

    [Theory]
    [InlineData("25:99", "UTC", null, ChannelTypes.GuildText, "`25:99` is not a time")]
    [InlineData("09:00", "Mars/Base", null, ChannelTypes.GuildText, "`Mars/Base` is not a time zone")]
    [InlineData("09:00", "UTC", ", ,", ChannelTypes.GuildText, "day list is empty")]
    [InlineData("09:00", "UTC", null, ChannelTypes.GuildVoice, "is not a text or announcement channel")]
    public async Task Bad_input_is_named_and_nothing_is_stored(string time, string zone, string? days, int channelType, string expected)
    {
        (string, object)[] options = days is null ? [("time", time), ("timezone", zone)] : [("time", time), ("timezone", zone), ("days", days)];

        var reply = Run("set", DiscordPermissions.Administrator, channelType, options);

        Assert.True(reply.Ephemeral);
        Assert.Contains(expected, reply.Message!.Content);
        Assert.Null((await _store.ScheduleAsync(TestData.ChannelId)));
    }

    [Fact]
    public async Task Set_resumes_a_paused_schedule_and_status_shows_it()
    {
        await _store.SaveAsync(new DailySchedule { ChannelId = TestData.ChannelId, GuildId = TestData.GuildId, Paused = true, PausedReason = "paused after 3 failed posts in a row: x" });
        Assert.Contains("⏸️ paused after 3 failed posts", Run("status", DiscordPermissions.ManageGuild).Message!.Embeds![0].Description);

        var reply = Run("set", DiscordPermissions.ManageGuild, options: [("time", "07:30"), ("timezone", "Asia/Kolkata")]);

        Assert.StartsWith("▶️ Daily question resumed", reply.Message!.Content);
        Assert.False((await _store.ScheduleAsync(TestData.ChannelId))!.Paused);
    }

    [Fact]
    public async Task Stop_removes_the_schedule_and_its_trigger()
    {
        Run("set", DiscordPermissions.ManageGuild, options: [("time", "09:00"), ("timezone", "UTC")]);

        var reply = Run("stop", DiscordPermissions.ManageGuild);

        Assert.Contains("Stopped", reply.Message!.Content);
        Assert.Null((await _store.ScheduleAsync(TestData.ChannelId)));
        _scheduler.Verify(s => s.RemoveAsync(TestData.ChannelId, It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task Timezone_autocomplete_offers_at_most_25_zones()
    {
        var interaction = TestData.Interaction(InteractionType.ApplicationCommandAutocomplete, new InteractionData
        {
            Name = "daily",
            Options = [new CommandOptionValue { Name = "set", Type = CommandOptionType.SubCommand, Options =
                [new CommandOptionValue { Name = "timezone", Type = CommandOptionType.String, Value = JsonSerializer.SerializeToElement("kolk"), Focused = true }] }],
        });

        var choices = (await _command.AutocompleteAsync(new InteractionContext(interaction), default)).Choices!;

        Assert.Equal("Asia/Kolkata", Assert.Single(choices).Value);
    }

    [Fact]
    public async Task A_channel_option_that_discord_did_not_resolve_for_this_server_is_refused_and_nothing_is_stored()
    {
        const ulong otherServersChannel = 1_200_000_000_000_000_777;
        await _store.SaveAsync(new DailySchedule { ChannelId = otherServersChannel, GuildId = 999, Hour = 7, TimeZoneId = "UTC" });

        var reply = Run("set", DiscordPermissions.ManageGuild, options: [("time", "09:00"), ("timezone", "UTC"), ("channel", otherServersChannel.ToString(CultureInfo.InvariantCulture))]);

        Assert.Contains("not a channel of this server", reply.Message!.Content);
        var kept = (await _store.ScheduleAsync(otherServersChannel))!;
        Assert.Equal((999UL, 7), (kept.GuildId, kept.Hour));
        _scheduler.Verify(s => s.UpsertAsync(It.IsAny<DailySchedule>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_channel_whose_schedule_belongs_to_another_server_cannot_be_taken_over()
    {
        await _store.SaveAsync(new DailySchedule { ChannelId = TestData.ChannelId, GuildId = 999, Hour = 7, TimeZoneId = "UTC" });

        var reply = Run("set", DiscordPermissions.ManageGuild, options: [("time", "09:00"), ("timezone", "UTC")]);

        Assert.Contains("not a channel of this server", reply.Message!.Content);
        Assert.Equal(999UL, (await _store.ScheduleAsync(TestData.ChannelId))!.GuildId);
    }

    [Fact]
    public async Task Missing_permissions_in_the_invoking_channel_are_named_and_nothing_is_stored()
    {
        _appPermissions = DiscordPermissions.ViewChannel | DiscordPermissions.SendMessages;

        var reply = Run("set", DiscordPermissions.ManageGuild, options: [("time", "09:00"), ("timezone", "UTC")]);

        Assert.Contains("I'm missing **Embed Links**, **Read Message History** there", reply.Message!.Content);
        Assert.Null((await _store.ScheduleAsync(TestData.ChannelId)));
    }

    [Fact]
    public async Task Pinging_everyone_needs_mention_everyone_and_is_shown_as_everyone()
    {
        _appPermissions = DailyChannelAccess.Required(thread: false, mentionEveryone: false);
        var everyone = TestData.GuildId.ToString(CultureInfo.InvariantCulture);
        _resolved = new ResolvedData { Roles = new Dictionary<string, Role> { [everyone] = new() { Id = TestData.GuildId, Name = "@everyone" } } };

        var refused = Run("set", DiscordPermissions.ManageGuild, options: [("time", "09:00"), ("timezone", "UTC"), ("ping_role", everyone)]);
        Assert.Contains("**Mention @everyone, @here, and All Roles**", refused.Message!.Content);
        Assert.Null((await _store.ScheduleAsync(TestData.ChannelId)));

        _appPermissions |= DiscordPermissions.MentionEveryone;
        var reply = Run("set", DiscordPermissions.ManageGuild, options: [("time", "09:00"), ("timezone", "UTC"), ("ping_role", everyone)]);

        Assert.Contains("pings @everyone", reply.Message!.Content);
        Assert.DoesNotContain("<@&", reply.Message.Content);
    }

    [Fact]
    public void String_options_are_bounded_and_a_huge_echo_is_clipped()
    {
        var set = _command.Definition.Options!.Single(o => o.Name == "set").Options!;
        Assert.All(set.Where(o => o.Type == CommandOptionType.String && o.Choices is null), o => Assert.InRange(o.MaxLength ?? int.MaxValue, 1, 100));

        var reply = Run("set", DiscordPermissions.ManageGuild, options: [("time", "09:00"), ("timezone", "<@&1> **" + new string('x', 5_990))]);

        Assert.InRange(reply.Message!.Content!.Length, 1, 300);
        Assert.StartsWith("`<@&1> **xxx", reply.Message.Content); // inside a code span: rendered as typed, pinging nobody
    }

    [Fact]
    public async Task Status_of_a_hundred_schedules_pages_within_discords_embed_limits_and_lists_every_one()
    {
        for (var i = 0; i < 100; i++)
        {
            await _store.SaveAsync(new DailySchedule
            {
                ChannelId = TestData.ChannelId + (ulong)i, GuildId = TestData.GuildId, Hour = 9, TimeZoneId = "America/Argentina/ComodRivadavia", Days = PostingDays.Monday | PostingDays.Friday,
                Category = "behavioral", PingRoleId = 1_200_000_000_000_000_999, OpenThread = true, Paused = true,
                PausedReason = "paused after 3 failed posts in a row: Discord refused it (400, code 50035: " + new string('e', 1_000) + ")",
            });
        }

        var first = Run("status", DiscordPermissions.ManageGuild).Message!;
        var pages = int.Parse(System.Text.RegularExpressions.Regex.Match(first.Embeds![0].Footer!.Text, "of (\\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var seen = new HashSet<string>();
        for (var page = 1; page <= pages; page++)
        {
            var reply = (await _command.ExecuteAsync(new InteractionContext(PageInteraction(page)), default)).Message!;
            Assert.Null(reply.Content);
            var embed = Assert.Single(reply.Embeds!);
            Assert.InRange(embed.Description!.Length, 1, 4096);
            Assert.InRange(embed.Title!.Length + embed.Description.Length + embed.Footer!.Text.Length, 1, 6000);
            seen.UnionWith(System.Text.RegularExpressions.Regex.Matches(embed.Description, "<#(\\d+)>").Select(m => m.Groups[1].Value));
        }
        Assert.Equal(100, seen.Count);
    }

    private static Interaction PageInteraction(int page) => TestData.Interaction(InteractionType.ApplicationCommand, new InteractionData
    {
        Name = "daily",
        Options = [new CommandOptionValue { Name = "status", Type = CommandOptionType.SubCommand, Options =
            [new CommandOptionValue { Name = "page", Type = CommandOptionType.Integer, Value = JsonSerializer.SerializeToElement(page) }] }],
    }) with
    {
        Member = new GuildMember { User = new User { Id = TestData.UserId, Username = "ada" }, Permissions = DiscordPermissions.ManageGuild },
    };

    [Fact]
    public async Task A_ping_role_that_discord_did_not_resolve_for_this_server_is_refused()
    {
        var reply = Run("set", DiscordPermissions.ManageGuild, options: [("time", "09:00"), ("timezone", "UTC"), ("ping_role", "1200000000000000888")]);

        Assert.Contains("not a role of this server", reply.Message!.Content);
        Assert.Null((await _store.ScheduleAsync(TestData.ChannelId)));
    }
}
