using MlePrep.Bot.Interactions;

namespace MlePrep.Bot.Practice;

public static class PracticeServiceCollectionExtensions
{
    /// <summary>/question with its Hint ladder and 🎲 Another.</summary>
    public static IServiceCollection AddPractice(this IServiceCollection services)
    {
        services.AddSingleton<QuestionPicker>();
        services.AddScoped<ISlashCommand, QuestionCommand>();
        services.AddScoped<IComponentHandler, HintButton>();
        services.AddScoped<IComponentHandler, AnotherButton>();
        return services;
    }
}
