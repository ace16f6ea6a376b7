using Microsoft.Extensions.Options;

namespace MlePrep.Bot.Questions;

public static class QuestionBankServiceCollectionExtensions
{
    /// <summary>The question bank, loaded from the configured folder while the host starts.</summary>
    public static IServiceCollection AddQuestionBank(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QuestionsOptions>().Bind(configuration.GetSection(QuestionsOptions.SectionName));
        services.AddSingleton(sp => QuestionLoader.LoadBank(sp.GetRequiredService<IOptions<QuestionsOptions>>().Value.ResolveFolder()));
        // Loads the bank while the host starts, so a broken pack stops the start instead of the first /question.
        services.AddHostedService<QuestionBankWarmup>();
        return services;
    }
}
