namespace MlePrep.Bot.Tests.Architecture.Fixture.Answers;

internal static class AnswerLabel
{
    public static string Text() => "Answer";
}
