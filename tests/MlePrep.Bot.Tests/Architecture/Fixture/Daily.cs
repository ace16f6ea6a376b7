namespace MlePrep.Bot.Tests.Architecture.Fixture.Daily;

/// <summary>A deliberately forbidden edge, only inside a method body: the daily side calling into answers.</summary>
internal static class ForbiddenPoster
{
    public static string Render() => Answers.AnswerLabel.Text();
}
