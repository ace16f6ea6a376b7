using MlePrep.Bot.Interactions;

namespace MlePrep.Bot.Practice;

public static class PracticeServiceCollectionExtensions
{
    /// <summary>/question with its Hint ladder and 🎲 Another.</summary>
    public static IServiceCollection AddPractice(this IServiceCollection services)
    {
        services.AddSingleton<QuestionPicker>();
        services.AddSlashCommand<QuestionCommand>();
        services.AddComponentHandler<HintButton>();
        services.AddComponentHandler<AnotherButton>();
        return services;
    }
}
