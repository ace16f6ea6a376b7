using System.Globalization;
using System.Text;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.MockInterviews;

/// <summary>How a mock session reads in Discord: the question being asked, and the summary at the end.</summary>
public static class MockCards
{
    /// <summary>Discord's limit on the characters of all embeds of one message, less room for titles and footers.</summary>
    private const int EmbedBudget = 5400;

    private const int ButtonsPerRow = 5;

    /// <summary>The current question with its time box as a relative timestamp, and Hint, Answer and Skip.</summary>
    public static MessagePayload Question(MockSession session, Question question)
    {
        var deadline = session.DeadlineAt.ToUnixTimeSeconds();
        return new MessagePayload
        {
            Content = $"**Question {session.Current + 1} of {session.Items.Count}** · ⏱️ time box ends <t:{deadline}:R> (<t:{deadline}:t>)",
            Embeds = [QuestionCards.QuestionEmbed(question, footer: $"{question.Id} · Answer before the time box ends; 💡 Hint is recorded in your summary")],
            Components =
            [
                Component.ActionRow(
                    PostButtons.Hint(question.Id),
                    PostButtons.Answer(question.Id),
                    Component.Button(ButtonStyle.Secondary, "Skip", CustomIds.Format(new MockSkipId(session.Id, session.Current)), "⏭️")),
            ],
        };
    }

    /// <summary>
    /// Per question the time used, the hints used, how it ended and the answer key, with a 🧠 Grade button each that opens the
    /// self-grading card of the learning loop.
    /// </summary>
    public static MessagePayload Summary(MockSession session, QuestionBank bank, MockTrack? track)
    {
        var reached = session.Items.Select((item, i) => (Item: item, Number: i + 1, Question: bank.Find(item.QuestionId)))
            .Where(e => e.Item.StartedAt is not null && e.Question is not null).ToList();
        var budget = EmbedBudget / Math.Max(1, reached.Count);
        var embeds = reached.Select(e => new Embed
        {
            Title = Shorten($"{e.Number}. {e.Question!.Id} · {QuestionCards.CategoryTitle(e.Question.Category)} · {e.Question.Difficulty} — {OutcomeText(e.Item.Outcome)}", 256),
            Description = Shorten($"⏱️ {Duration(Used(e.Item, session))} of {Duration(session.Box)} · 💡 {HintText(e.Item.Hints)}\n\n{QuestionCards.AnswerKey(e.Question)}", budget),
            Color = e.Item.Outcome == MockOutcome.Answered ? 0x57F287 : 0xFEE75C,
        }).ToArray();
        var count = (MockOutcome outcome) => session.Items.Count(i => i.Outcome == outcome);
        var verb = session.Status == MockStatus.Stopped ? "stopped" : "over";
        var content = new StringBuilder($"🏁 **Mock interview {verb}** · {track?.Title ?? session.Track} · {session.Minutes} minutes\n")
            .Append($"{count(MockOutcome.Answered)} answered · {count(MockOutcome.TimedOut)} timed out · {count(MockOutcome.Skipped)} skipped");
        if (session.Items.Count - reached.Count is var unreached and > 0)
        {
            content.Append($" · {unreached} not reached");
        }
        if (reached.Count > 0)
        {
            content.Append("\nCompare with each answer key, then press 🧠 **Grade** to grade yourself: it schedules the question in `/review`.");
        }
        var buttons = reached.Select(e => Component.Button(ButtonStyle.Secondary, $"Grade {e.Number}", CustomIds.Format(new SelfGradeId(e.Question!.Id)), "🧠")).ToArray();
        return new MessagePayload
        {
            Content = content.ToString(),
            Embeds = embeds,
            Components = buttons.Chunk(ButtonsPerRow).Select(row => Component.ActionRow(row)).ToArray(),
        };
    }

    public static string OutcomeText(MockOutcome outcome) => outcome switch
    {
        MockOutcome.Answered => "✅ answered",
        MockOutcome.TimedOut => "⏰ timed out",
        MockOutcome.Skipped => "⏭️ skipped",
        _ => "⏹️ stopped",
    };

    /// <summary>"6 min 40 s", "45 s".</summary>
    public static string Duration(TimeSpan span)
    {
        var seconds = (int)Math.Round(Math.Max(0, span.TotalSeconds));
        var (minutes, rest) = (seconds / 60, seconds % 60);
        return minutes == 0 ? $"{rest} s"
            : rest == 0 ? $"{minutes.ToString(CultureInfo.InvariantCulture)} min"
            : $"{minutes.ToString(CultureInfo.InvariantCulture)} min {rest.ToString(CultureInfo.InvariantCulture)} s";
    }

    private static TimeSpan Used(MockItem item, MockSession session) =>
        item is { StartedAt: { } start, EndedAt: { } end } ? end - start : session.Box;

    private static string HintText(int hints) => hints switch
    {
        0 => "no hints",
        1 => "1 hint used",
        _ => $"{hints} hints used",
    };

    private static string Shorten(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
