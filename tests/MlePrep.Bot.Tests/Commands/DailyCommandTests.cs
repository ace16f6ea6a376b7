using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Commands;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Scheduling;
using MlePrep.Bot.Storage;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Bot.Tests.Commands;

public sealed class DailyCommandTests
{
    private readonly DailyStore _store = new(BotDatabase.InMemory());
    private readonly Mock<IDailyScheduler> _scheduler = new();
    private readonly DailyCommand _command;

    public DailyCommandTests()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var bank = new QuestionBank([TestData.Question("T1"), TestData.Question("B1", category: "behavioral", topic: "career")]);
        var poster = new DailyPoster(_store, bank, _scheduler.Object, Mock.Of<IDiscordRestClient>(), time, NullLogger<DailyPoster>.Instance);
        _command = new DailyCommand(_store, _scheduler.Object, poster, bank, time);
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
        }) with
        {
            Member = new GuildMember { User = new User { Id = TestData.UserId, Username = "ada" }, Permissions = permissions },
            Channel = new PartialChannel { Id = TestData.ChannelId, Type = channelType },
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
    public void A_member_without_manage_server_is_refused_and_nothing_is_stored()
    {
        var reply = Run("set", permissions: DiscordPermissions.SendMessages, options: [("time", "09:00"), ("timezone", "UTC")]);

        Assert.True(reply.Ephemeral);
        Assert.Contains("Manage Server", reply.Message!.Content);
        Assert.Null(_store.Schedule(TestData.ChannelId));
    }

    [Fact]
    public void Set_stores_the_schedule_and_lists_the_next_three_posts_as_discord_timestamps()
    {
        var reply = Run("set", DiscordPermissions.ManageGuild, options: [("time", "09:00"), ("timezone", "Europe/Berlin"), ("days", "weekdays")]);

        Assert.Contains("09:00 Europe/Berlin, weekdays", reply.Message!.Content);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(reply.Message.Content!, "<t:\\d+:F>").Count);
        Assert.Contains("<t:1796025600:F>", reply.Message.Content); // Mon 30 Nov 2026 08:00Z = 09:00 Berlin
        var schedule = _store.Schedule(TestData.ChannelId)!;
        Assert.Equal((9, 0, "Europe/Berlin", PostingDays.Weekdays), (schedule.Hour, schedule.Minute, schedule.TimeZoneId, schedule.Days));
        _scheduler.Verify(s => s.UpsertAsync(It.Is<DailySchedule>(d => d.Id == schedule.Id && d.Hour == 9), It.IsAny<CancellationToken>()));
    }

    [Theory]
    [InlineData("25:99", "UTC", null, ChannelTypes.GuildText, "`25:99` is not a time")]
    [InlineData("09:00", "Mars/Base", null, ChannelTypes.GuildText, "`Mars/Base` is not a time zone")]
    [InlineData("09:00", "UTC", ", ,", ChannelTypes.GuildText, "day list is empty")]
    [InlineData("09:00", "UTC", null, ChannelTypes.GuildVoice, "is not a text or announcement channel")]
    public void Bad_input_is_named_and_nothing_is_stored(string time, string zone, string? days, int channelType, string expected)
    {
        (string, object)[] options = days is null ? [("time", time), ("timezone", zone)] : [("time", time), ("timezone", zone), ("days", days)];

        var reply = Run("set", DiscordPermissions.Administrator, channelType, options);

        Assert.True(reply.Ephemeral);
        Assert.Contains(expected, reply.Message!.Content);
        Assert.Null(_store.Schedule(TestData.ChannelId));
    }

    [Fact]
    public void Set_resumes_a_paused_schedule_and_status_shows_it()
    {
        _store.Save(new DailySchedule { Id = (long)TestData.ChannelId, GuildId = TestData.GuildId, Paused = true, PausedReason = "paused after 3 failed posts in a row: x" });
        Assert.Contains("⏸️ paused after 3 failed posts", Run("status", DiscordPermissions.ManageGuild).Message!.Content);

        var reply = Run("set", DiscordPermissions.ManageGuild, options: [("time", "07:30"), ("timezone", "Asia/Kolkata")]);

        Assert.StartsWith("▶️ Daily question resumed", reply.Message!.Content);
        Assert.False(_store.Schedule(TestData.ChannelId)!.Paused);
    }

    [Fact]
    public void Stop_removes_the_schedule_and_its_trigger()
    {
        Run("set", DiscordPermissions.ManageGuild, options: [("time", "09:00"), ("timezone", "UTC")]);

        var reply = Run("stop", DiscordPermissions.ManageGuild);

        Assert.Contains("Stopped", reply.Message!.Content);
        Assert.Null(_store.Schedule(TestData.ChannelId));
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
}
