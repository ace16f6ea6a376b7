using MlePrep.Bot.Interactions;

namespace MlePrep.Bot.Answers;

public static class AnswersServiceCollectionExtensions
{
    /// <summary>
    /// Answers, streaks and boards. Reads the daily feature's schedules and ledger, and edits its posts' live count with
    /// the <see cref="Daily.IDailyPostRenderer"/> that <c>AddDaily</c> registers.
    /// </summary>
    public static IServiceCollection AddAnswers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PracticeOptions>().Bind(configuration.GetSection(PracticeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DailyLedger>();
        services.AddSingleton<StreakService>();
        services.AddSingleton<LiveAnswerCount>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveAnswerCount>());
        services.AddComponentHandler<AnswerButton>();
        services.AddComponentHandler<AnswerModal>();
        services.AddSlashCommand<StreakCommand>();
        services.AddSlashCommand<LeaderboardCommand>();
        return services;
    }
}
