using System.Globalization;
using System.Text;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Daily;

/// <summary><c>/daily set|stop|status|post</c>: a daily question per channel, for members with Manage Server.</summary>
public sealed class DailyCommand(
    IDailyStore store,
    IDailyScheduler scheduler,
    DailyPoster poster,
    DailyChannelLocks locks,
    DailyChannelAccess access,
    QuestionBank bank,
    TimeProvider time) : ISlashCommand
{
    private static readonly int[] PostableChannelTypes = [ChannelTypes.GuildText, ChannelTypes.GuildAnnouncement];

    /// <summary>The longest IANA zone id is 32 characters (America/Argentina/ComodRivadavia); this leaves room.</summary>
    private const int MaxZoneLength = 50;

    public bool RepliesPrivately => true;

    public ApplicationCommand Definition { get; } = new()
    {
        Name = "daily",
        Description = "Post a daily interview question in a channel",
        DefaultMemberPermissions = DiscordPermissions.ManageGuild.ToString(CultureInfo.InvariantCulture),
        Contexts = [0],
        IntegrationTypes = [0],
        Options =
        [
            Sub("set", "Set (or change, or resume) the daily question of a channel",
            [
                new() { Type = CommandOptionType.String, Name = "time", Description = "Time of day, 24-hour HH:mm, e.g. 09:00", Required = true, MinLength = 4, MaxLength = 5 },
                new() { Type = CommandOptionType.String, Name = "timezone", Description = "Time zone (IANA), e.g. Europe/Berlin or UTC", Required = true, Autocomplete = true,
                    MaxLength = MaxZoneLength },
                ChannelOption("Channel to post in (default: this one)"),
                new() { Type = CommandOptionType.String, Name = "days", Description = "every day (default), weekdays, weekends, or e.g. mon,wed,fri", MaxLength = 60 },
                new()
                {
                    Type = CommandOptionType.String, Name = "category", Description = "Only questions of this kind",
                    Choices = bank.Categories.Select(c => new CommandChoice(QuestionCards.CategoryTitle(c), c)).ToArray(),
                },
                new() { Type = CommandOptionType.Role, Name = "ping_role", Description = "Mention this role in each post" },
                new() { Type = CommandOptionType.Boolean, Name = "thread", Description = "Open a discussion thread on each post" },
            ]),
            Sub("stop", "Stop the daily question of a channel", [ChannelOption("Channel (default: this one)")]),
            Sub("status", "Show every daily schedule of this server",
            [
                new() { Type = CommandOptionType.Integer, Name = "page", Description = "Page of the list (when there are many schedules)" },
            ]),
            Sub("post", "Post today's question now, if it has not been posted", [ChannelOption("Channel (default: this one)")]),
        ],
    };

    public async ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct)
    {
        // Discord hides the command from others by default, but server admins can change that: check here too.
        if (context.Interaction.Member?.Has(DiscordPermissions.ManageGuild) != true)
        {
            return InteractionReply.Private("Only members with the **Manage Server** permission can manage daily questions.");
        }
        return context.Data.SubcommandPath() switch
        {
            ["set"] => await SetAsync(context, ct),
            ["stop"] => await StopAsync(context, ct),
            ["status"] => await StatusAsync(context),
            ["post"] => await PostAsync(context, ct),
            _ => InteractionReply.Private("Unknown sub-command."),
        };
    }

    public ValueTask<InteractionReply> AutocompleteAsync(InteractionContext context, CancellationToken ct)
    {
        var focused = context.Data.FocusedOption();
        IReadOnlyList<CommandChoice> choices = focused?.Name == "timezone"
            ? DailyRules.SuggestZones(focused.Text).Select(z => new CommandChoice(z, z)).ToArray()
            : [];
        return ValueTask.FromResult(InteractionReply.Suggest(choices));
    }

    private async Task<InteractionReply> SetAsync(InteractionContext context, CancellationToken ct)
    {
        var data = context.Data;
        var guildId = context.GuildId!.Value;
        var (channelId, channelError) = TargetChannel(context);
        if (channelError is not null)
        {
            return InteractionReply.Private(channelError);
        }
        if (!DailyRules.TryParseTime(data.OptionText("time"), out var hour, out var minute))
        {
            return InteractionReply.Private($"`{UserText.Code(data.OptionText("time"))}` is not a time. Use 24-hour `HH:mm`, e.g. `09:00` or `18:30`.");
        }
        var zoneId = data.OptionText("timezone");
        if (DailyRules.FindZone(zoneId) is not { } zone)
        {
            return InteractionReply.Private($"`{UserText.Code(zoneId)}` is not a time zone I know. Pick one from the list, e.g. `Europe/Berlin`, `America/New_York` or `UTC`.");
        }
        if (!DailyRules.TryParseDays(data.OptionText("days"), out var days, out var daysError))
        {
            return InteractionReply.Private(daysError);
        }
        var category = data.OptionText("category");
        if (category is not null && !bank.Categories.Contains(category))
        {
            return InteractionReply.Private($"`{UserText.Code(category)}` is not a category of the bank.");
        }
        // Like a channel, a role must be one Discord resolved for this interaction: a role of this server.
        var roleText = data.OptionText("ping_role");
        var resolvedRole = roleText is null ? null : data.Resolved?.Roles?.GetValueOrDefault(roleText);
        if (roleText is not null && (resolvedRole is null || Snowflake(roleText) is null))
        {
            return InteractionReply.Private("That role is not a role of this server. Pick one from the list.");
        }
        var pingRole = roleText is null ? null : Snowflake(roleText);
        // @everyone's role id is the server's id. A role its members may not mention needs Mention Everyone, as @everyone does.
        var pingsEveryone = pingRole == guildId;
        var mentionable = resolvedRole?.Mentionable == true;
        var openThread = data.Option("thread")?.Value?.ValueKind == System.Text.Json.JsonValueKind.True;
        var required = DailyChannelAccess.Required(openThread, mentionEveryone: pingRole is not null && (pingsEveryone || !mentionable));
        if (await access.CheckAsync(context, channelId, required, ct) is { } denied)
        {
            return InteractionReply.Private(denied);
        }

        DailySchedule schedule;
        DailySchedule? existing;
        bool resumed;
        using (await locks.AcquireAsync(channelId, ct))
        {
            existing = await store.ScheduleAsync(channelId);
            if (existing is not null && existing.GuildId != guildId)
            {
                return InteractionReply.Private($"<#{channelId}> is not a channel of this server.");
            }
            schedule = existing ?? new DailySchedule { ChannelId = channelId };
            resumed = existing?.Paused == true;
            if (existing?.Category != category)
            {
                schedule = schedule with { Rotation = [], RotationIndex = 0 };
            }
            schedule = schedule with
            {
                GuildId = guildId,
                Hour = hour,
                Minute = minute,
                TimeZoneId = zone.Id,
                Days = days,
                Category = category,
                PingRoleId = pingRole,
                OpenThread = openThread,
                Paused = false,
                PausedReason = null,
                ConsecutiveFailures = 0,
                SetBy = context.User.Id,
                SetAt = time.GetUtcNow().UtcDateTime,
            };
            await store.SaveAsync(schedule);
            await scheduler.UpsertAsync(schedule, ct);
        }

        var next = DailyRules.OccurrencesAfter(schedule, time.GetUtcNow()).Take(3).Select(t => $"<t:{t.ToUnixTimeSeconds()}:F>");
        var text = new StringBuilder()
            .Append(existing is null ? "✅ Daily question set" : resumed ? "▶️ Daily question resumed" : "✅ Daily question updated")
            .Append($" for <#{channelId}>: {Describe(schedule)}.")
            .Append("\nNext posts: ").AppendJoin(", ", next).Append('.');
        return InteractionReply.Private(text.ToString());
    }

    private async Task<InteractionReply> StopAsync(InteractionContext context, CancellationToken ct)
    {
        var channelId = context.Data.OptionText("channel") is { } id ? Snowflake(id) ?? 0 : context.ChannelId;
        using (await locks.AcquireAsync(channelId, ct))
        {
            if (await store.ScheduleAsync(channelId) is not { } schedule || schedule.GuildId != context.GuildId)
            {
                return InteractionReply.Private($"<#{channelId}> has no daily question.");
            }
            await store.DeleteScheduleAsync(channelId);
            await scheduler.RemoveAsync(channelId, ct);
        }
        return InteractionReply.Private($"⏹️ Stopped the daily question in <#{channelId}>. Past posts and streak history are kept.");
    }

    private async Task<InteractionReply> StatusAsync(InteractionContext context)
    {
        var schedules = await store.SchedulesOfAsync(context.GuildId!.Value);
        if (schedules.Count == 0)
        {
            return InteractionReply.Private("No channel of this server has a daily question. Set one with `/daily set`.");
        }
        var now = time.GetUtcNow();
        var entries = new List<string>(schedules.Count);
        foreach (var schedule in schedules)
        {
            var text = new StringBuilder($"<#{schedule.ChannelId}> · {Describe(schedule)}");
            if (schedule.Paused)
            {
                text.Append($"\n⏸️ {Clip(schedule.PausedReason)}. `/daily set` resumes it.");
            }
            else if (DailyRules.OccurrencesAfter(schedule, now).FirstOrDefault() is var next && next != default)
            {
                text.Append($"\nNext: <t:{next.ToUnixTimeSeconds()}:F> (<t:{next.ToUnixTimeSeconds()}:R>)");
            }
            entries.Add(text.Append('\n').Append(LastPost(schedule, await store.LatestOccurrenceAsync(schedule.ChannelId))).ToString());
        }
        var page = context.Data.Option("page")?.Value is { ValueKind: System.Text.Json.JsonValueKind.Number } value && value.TryGetInt64(out var number)
            ? (int)Math.Clamp(number, 1, int.MaxValue)
            : 1;
        return InteractionReply.Private(DailyStatusPages.Page(entries, page));
    }

    private async Task<InteractionReply> PostAsync(InteractionContext context, CancellationToken ct)
    {
        var channelId = context.Data.OptionText("channel") is { } id ? Snowflake(id) ?? 0 : context.ChannelId;
        if (await store.ScheduleAsync(channelId) is not { } schedule || schedule.GuildId != context.GuildId)
        {
            return InteractionReply.Private($"<#{channelId}> has no daily question. Set one with `/daily set` first.");
        }
        var today = DailyRules.LocalDate(schedule, time.GetUtcNow());
        var outcome = await poster.PostAsync(channelId, DailyRules.DueOn(schedule, today), PostTrigger.Manual, ct);
        return InteractionReply.Private(outcome switch
        {
            { Result: PostResult.Posted, Occurrence: { } o } => $"📨 Posted today's question: {Link(schedule, o)}",
            { Result: PostResult.AlreadyPosted, Occurrence: { } o } => $"Today's question was already posted: {Link(schedule, o)}",
            { Result: PostResult.Failed, Occurrence: { } o } => $"❌ The post failed: {o.Reason}.",
            _ => "Nothing was posted.",
        });
    }

    /// <summary>
    /// The channel to schedule: the option, else the invoking channel; it must be a text or announcement channel. A
    /// channel option must be one Discord resolved for this interaction (a channel of the invoking server).
    /// </summary>
    private static (ulong ChannelId, string? Error) TargetChannel(InteractionContext context)
    {
        var option = context.Data.Option("channel")?.Text;
        if (option is null)
        {
            var here = context.Interaction.Channel;
            return here is not null && !PostableChannelTypes.Contains(here.Type)
                ? (context.ChannelId, $"<#{context.ChannelId}> is not a text or announcement channel; daily questions can only be posted in one.")
                : (context.ChannelId, null);
        }
        if (Snowflake(option) is not { } channelId
            || context.Data.Resolved?.Channels?.GetValueOrDefault(option) is not { } channel
            || (channel.GuildId is { } guild && guild != context.GuildId))
        {
            return (0, "That channel is not a channel of this server. Pick one from the list.");
        }
        return PostableChannelTypes.Contains(channel.Type)
            ? (channelId, null)
            : (channelId, $"<#{channelId}> is not a text or announcement channel; daily questions can only be posted in one.");
    }

    private static ulong? Snowflake(string text) => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static string Describe(DailySchedule schedule)
    {
        var text = new StringBuilder($"{DailyRules.Time(schedule)} {schedule.TimeZoneId}, {DailyRules.DescribeDays(schedule.Days)}");
        if (schedule.Category is { } category)
        {
            text.Append($", {QuestionCards.CategoryTitle(category).ToLowerInvariant()} questions");
        }
        if (schedule.PingRoleId is { } role)
        {
            text.Append(role == schedule.GuildId ? ", pings @everyone" : $", pings <@&{role}>");
        }
        if (schedule.OpenThread)
        {
            text.Append(", with a discussion thread");
        }
        return text.ToString();
    }

    private static string LastPost(DailySchedule schedule, DailyOccurrence? latest) => latest switch
    {
        null => "No post yet.",
        { Status: OccurrenceStatus.Posted } o => $"Last post: ✅ {o.LocalDate}{(o.Late ? " (late)" : "")} {Link(schedule, o)}{(o.Reason is { } r ? $" — {Clip(r)}" : "")}",
        { Status: OccurrenceStatus.Failed, RetryAt: { } retry } o =>
            $"Last post: ❌ {o.LocalDate} failed: {Clip(o.Reason)}; retrying <t:{DailyRules.Utc(retry).ToUnixTimeSeconds()}:R>",
        { Status: OccurrenceStatus.Failed } o => $"Last post: ❌ {o.LocalDate} failed: {Clip(o.Reason)}",
        { Status: OccurrenceStatus.Skipped } o => $"Last post: ⏭️ {o.LocalDate} skipped: {Clip(o.Reason)}",
        { } o => $"Last post: ⏳ {o.LocalDate} in progress",
    };

    /// <summary>Reasons can quote Discord's error messages; one status entry stays short whatever they say.</summary>
    private static string Clip(string? reason) => reason is { Length: > 300 } ? reason[..299] + "…" : reason ?? "";

    private static string Link(DailySchedule schedule, DailyOccurrence occurrence) =>
        $"https://discord.com/channels/{schedule.GuildId}/{occurrence.ChannelId}/{occurrence.MessageId}";

    private static ApplicationCommandOption Sub(string name, string description, IReadOnlyList<ApplicationCommandOption> options) =>
        new() { Type = CommandOptionType.SubCommand, Name = name, Description = description, Options = options.Count == 0 ? null : options };

    private static ApplicationCommandOption ChannelOption(string description) =>
        new() { Type = CommandOptionType.Channel, Name = "channel", Description = description, ChannelTypes = PostableChannelTypes };
}
