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
        services.AddComponentHandler<GradeButton>();
        services.AddComponentHandler<RubricSelect>();
        services.AddComponentHandler<SelfGradeButton>();
        services.AddSlashCommand<ReviewCommand>();
        services.AddSlashCommand<StatsCommand>();
        return services;
    }
}
