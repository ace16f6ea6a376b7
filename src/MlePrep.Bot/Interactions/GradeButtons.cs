using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Interactions;

/// <summary>
/// The self-grading components other features put on their replies (the answer key after an answer, the last hint rung),
/// built here from the codec so that those features never reference the one that handles the clicks.
/// </summary>
public static class GradeButtons
{
    /// <summary>Discord's limit on a select option's label.</summary>
    private const int MaxOptionLabel = 100;

    /// <summary>
    /// A multi-select of the rubric's points (when it has any), ticked as in <paramref name="covered"/>, and the three grade
    /// buttons, which carry the ticked points.
    /// </summary>
    public static IReadOnlyList<Component> Rows(string questionId, IReadOnlyList<string> rubric, int covered = 0)
    {
        var buttons = Component.ActionRow(
            Component.Button(ButtonStyle.Success, "Nailed it", CustomIds.Format(new GradeId(questionId, Grade.Nailed, covered)), "✅"),
            Component.Button(ButtonStyle.Primary, "Partly", CustomIds.Format(new GradeId(questionId, Grade.Partly, covered)), "🟡"),
            Component.Button(ButtonStyle.Danger, "Missed", CustomIds.Format(new GradeId(questionId, Grade.Missed, covered)), "❌"));
        if (rubric.Count == 0)
        {
            return [buttons];
        }
        var options = rubric.Select((point, i) => new SelectOption(
            point.Length <= MaxOptionLabel ? point : point[..(MaxOptionLabel - 1)] + "…",
            i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Default: (covered & (1 << i)) != 0 ? true : null)).ToArray();
        var select = Component.StringSelect(CustomIds.Format(new RubricId(questionId)), options, 0, options.Length, "Which rubric points did your answer cover?");
        return [Component.ActionRow(select), buttons];
    }

    /// <summary>🧠 Grade without answering, for the last rung of the hint ladder.</summary>
    public static Component WithoutAnswering(string questionId) =>
        Component.Button(ButtonStyle.Secondary, "Grade without answering", CustomIds.Format(new SelfGradeId(questionId)), "🧠");
}
