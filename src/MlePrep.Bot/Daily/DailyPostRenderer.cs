using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Daily;

/// <summary>What a daily post looks like; used when posting and whenever the post is edited.</summary>
public sealed class DailyPostRenderer(IDailyStore store, QuestionBank bank) : IDailyPostRenderer
{
    /// <summary>
    /// The post as edited later (the live answer count, which lives in the embed). The content is left out, so Discord
    /// keeps it and its mentions as posted (an edit that sends content re-parses its mentions, dropping the role's
    /// highlight); the allowed mentions are the post's own, in case a caller sends content anyway.
    /// </summary>
    public async ValueTask<MessagePayload> RenderAsync(DailyOccurrence occurrence, int answerCount)
    {
        var schedule = await store.ScheduleAsync(occurrence.ChannelId);
        var question = bank.Find(occurrence.QuestionId ?? "")
            ?? throw new InvalidOperationException($"Question '{occurrence.QuestionId}' is no longer in the bank.");
        return Render(occurrence, question, schedule, answerCount) with { Content = null };
    }

    public static MessagePayload Render(DailyOccurrence occurrence, Question question, DailySchedule? schedule, int answerCount)
    {
        var date = DateOnly.ParseExact(occurrence.LocalDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var footer = new StringBuilder(answerCount == 1 ? "1 member answered" : $"{answerCount} members answered");
        if (schedule is not null && DailyRules.OccurrencesAfter(schedule, occurrence.DueAt).FirstOrDefault() is { } next && next != default)
        {
            var local = TimeZoneInfo.ConvertTime(next, DailyRules.Zone(schedule));
            footer.Append(CultureInfo.InvariantCulture, $" · next question {local:ddd d MMM, HH:mm} ({schedule.TimeZoneId})");
        }
        var content = new List<string>();
        // @everyone's role id is the server's id; Discord writes it as the plain text @everyone, not <@&id>.
        var everyone = schedule is { PingRoleId: { } pinged } && pinged == schedule.GuildId;
        if (schedule?.PingRoleId is { } role)
        {
            content.Add(everyone ? "@everyone" : $"<@&{role}>");
        }
        if (occurrence.Late && schedule is not null)
        {
            content.Add($"Posted late: the bot was offline at {DailyRules.Time(schedule)} ({schedule.TimeZoneId}).");
        }
        return new MessagePayload
        {
            Content = content.Count > 0 ? string.Join(' ', content) : null,
            Embeds = [QuestionCards.QuestionEmbed(question,
                title: string.Create(CultureInfo.InvariantCulture, $"Daily question · {date:ddd d MMM}"),
                footer: footer.ToString())],
            Components = [Component.ActionRow(PostButtons.Hint(question.Id), PostButtons.Answer(question.Id, occurrence.Id))],
            AllowedMentions = everyone ? new AllowedMentions { Parse = ["everyone"] }
                : schedule?.PingRoleId is { } ping ? AllowedMentions.OnlyRole(ping) : null,
        };
    }

    /// <summary>A nonce (≤ 25 characters) unique to the occurrence: with enforce_nonce, a retried post cannot appear twice.</summary>
    public static string Nonce(DailyOccurrence occurrence) =>
        "d" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(occurrence.Id)))[..24];
}
