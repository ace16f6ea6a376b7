using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Learning;

public static class LearningServiceCollectionExtensions
{
    /// <summary>
    /// Self-grading, /review (spaced repetition), topic mastery and /stats. Needs the <see cref="ILearningStore"/> that
    /// <c>AddStorage</c> registers; provides <see cref="IWeakTopics"/> to /question and 🎲 Another.
    /// </summary>
    public static IServiceCollection AddLearning(this IServiceCollection services)
    {
        services.AddSingleton<MemberLearning>();
        services.AddSingleton<IWeakTopics>(sp => sp.GetRequiredService<MemberLearning>());
        services.AddScoped<IComponentHandler, GradeButton>();
        services.AddScoped<IComponentHandler, RubricSelect>();
        services.AddScoped<IComponentHandler, SelfGradeButton>();
        services.AddScoped<ISlashCommand, ReviewCommand>();
        services.AddScoped<ISlashCommand, StatsCommand>();
        return services;
    }
}
