using MlePrep.Bot.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Learning;

/// <summary>How grades read in Discord: the line a grade adds to the card it was given on.</summary>
public static class GradingCard
{
    public static string Label(Grade grade) => grade switch
    {
        Grade.Nailed => "Nailed it",
        Grade.Partly => "Partly",
        _ => "Missed",
    };

    /// <summary>What was recorded and when the question comes back.</summary>
    public static string Confirmation(GradeEntry grade, ReviewCard card)
    {
        var rubric = grade.RubricPoints > 0 ? $" ({grade.CoveredCount} of {grade.RubricPoints} rubric points)" : "";
        var due = card.DueAt.ToUnixTimeSeconds();
        return $"🧠 Graded **{Label(grade.Grade)}**{rubric}. It comes back in `/review` <t:{due}:R> (<t:{due}:d>). Grades never affect streaks.";
    }

    /// <summary>The card a grade was given on, with the confirmation added and its grading components gone (one card, one grade).</summary>
    public static MessagePayload Graded(Message card, string confirmation)
    {
        var content = string.IsNullOrEmpty(card.Content) ? confirmation : $"{card.Content}\n\n{confirmation}";
        return new MessagePayload { Content = content.Length <= ReplyLimits.Content ? content : confirmation, Embeds = card.Embeds, Components = [] };
    }
}
