using System.ComponentModel.DataAnnotations;

namespace MlePrep.Bot.Answers;

/// <summary>How members answer questions (section <c>Practice</c>).</summary>
public sealed class PracticeOptions
{
    public const string SectionName = "Practice";

    /// <summary>Discord's text input limit, which is also the longest answer stored.</summary>
    public const int MaxAnswerLength = 4000;

    /// <summary>The shortest answer accepted, in characters after trimming.</summary>
    [Range(1, MaxAnswerLength, ErrorMessage = "Practice:MinAnswerLength must be between 1 and 4000.")]
    public int MinAnswerLength { get; set; } = 30;
}
