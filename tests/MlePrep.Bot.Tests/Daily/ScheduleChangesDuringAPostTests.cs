using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Bot.Tests.Daily;

/// <summary>An admin's change while a post waits on Discord (a large fan-out can take minutes) must survive the post.</summary>
public sealed class ScheduleChangesDuringAPostTests
{
    private const ulong Channel = TestData.ChannelId;
    private static readonly DateTimeOffset Due = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Due);
    private readonly IDailyStore _store = new LiteDailyStore(BotDatabase.InMemory());
    private readonly Mock<IDiscordRestClient> _rest = new();
    private readonly Mock<IDailyScheduler> _scheduler = new();
    private readonly TaskCompletionSource<Message> _discord = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _posting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DailyPoster _poster;
    private readonly DailyCommand _command;
    private readonly DailyGatewayEvents _events;

    public ScheduleChangesDuringAPostTests()
    {
        var bank = new QuestionBank(Enumerable.Range(1, 5).Select(i => TestData.Question($"T{i}")).ToArray());
        var locks = new DailyChannelLocks();
        _poster = new DailyPoster(_store, bank, _scheduler.Object, _rest.Object, locks, _time, new Random(1), NullLogger<DailyPoster>.Instance);
        _command = new DailyCommand(_store, _scheduler.Object, _poster, locks, new DailyChannelAccess(_rest.Object), bank, _time);
        _events = new DailyGatewayEvents(_store, _scheduler.Object, locks, NullLogger<DailyGatewayEvents>.Instance);
        _store.SaveAsync(new DailySchedule { ChannelId = Channel, GuildId = TestData.GuildId, Hour = 9, TimeZoneId = "Europe/Berlin", SetAt = Due.AddDays(-3).UtcDateTime }).AsTask().Wait();
        _rest.Setup(r => r.CreateMessageAsync(Channel, It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                _posting.TrySetResult();
                return _discord.Task;
            });
    }

    /// <summary>Starts a post that waits on Discord until the test lets it finish.</summary>
    private async Task<Task<PostOutcome>> StartSlowPostAsync()
    {
        var post = _poster.PostAsync(Channel, Due, PostTrigger.Schedule, default);
        await _posting.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return post;
    }

    private Task<InteractionReply> AdminAsync(string sub, params (string Name, string Value)[] options)
    {
        var interaction = TestData.Interaction(InteractionType.ApplicationCommand, new InteractionData
        {
            Name = "daily",
            Options = [new CommandOptionValue
            {
                Name = sub, Type = CommandOptionType.SubCommand,
                Options = options.Select(o => new CommandOptionValue { Name = o.Name, Type = CommandOptionType.String, Value = JsonSerializer.SerializeToElement(o.Value) }).ToArray(),
            }],
        }) with
        {
            Member = new GuildMember { User = new User { Id = TestData.UserId, Username = "ada" }, Permissions = DiscordPermissions.ManageGuild },
            Channel = new PartialChannel { Id = Channel, Type = ChannelTypes.GuildText },
            AppPermissions = DailyChannelAccess.Required(thread: true, mentionEveryone: true),
        };
        return _command.ExecuteAsync(new InteractionContext(interaction), default).AsTask();
    }

    [Fact]
    public async Task A_stop_during_a_post_stays_stopped()
    {
        var post = await StartSlowPostAsync();

        Assert.Contains("Stopped", (await AdminAsync("stop")).Message!.Content);
        _discord.SetResult(new Message { Id = 901, ChannelId = Channel });
        await post;

        Assert.Null((await _store.ScheduleAsync(Channel)));
        Assert.Equal(OccurrenceStatus.Posted, (await _store.OccurrenceAsync($"{Channel}:2026-11-30"))!.Status);
    }

    [Fact]
    public async Task A_new_time_set_during_a_post_is_kept()
    {
        var post = await StartSlowPostAsync();

        await AdminAsync("set", ("time", "18:45"), ("timezone", "Asia/Tokyo"));
        _discord.SetResult(new Message { Id = 901, ChannelId = Channel });
        await post;

        var schedule = (await _store.ScheduleAsync(Channel))!;
        Assert.Equal((18, 45, "Asia/Tokyo"), (schedule.Hour, schedule.Minute, schedule.TimeZoneId));
        Assert.Equal(1, schedule.RotationIndex); // the rotation the post advanced is kept too
    }

    [Fact]
    public async Task A_channel_deleted_during_a_failing_post_does_not_come_back()
    {
        var post = await StartSlowPostAsync();

        await _events.OnChannelDeletedAsync(new ChannelDeleteEvent { Id = Channel, Type = ChannelTypes.GuildText, GuildId = TestData.GuildId }, default);
        _discord.SetException(new DiscordApiException(HttpStatusCode.NotFound, DiscordErrorCodes.UnknownChannel, "Unknown Channel", "POST /channels/{channel_id}/messages"));
        await post;

        Assert.Null((await _store.ScheduleAsync(Channel)));
        _scheduler.Verify(s => s.RetryAsync(It.IsAny<ulong>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
