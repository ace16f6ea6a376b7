using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Help;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Learning;
using MlePrep.Bot.MockInterviews;
using MlePrep.Bot.MyData;
using MlePrep.Bot.Operations;
using MlePrep.Bot.PeerAnswers;
using MlePrep.Bot.Practice;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot;

/// <summary>The bot's composition root: storage, the question bank, the interaction framework and each feature.</summary>
public static class BotServiceCollectionExtensions
{
    // time: the clock of the whole bot, Quartz included; random: every random choice (question picks, daily rotation).
    // Tests and the sandbox pass controllable ones.
    public static IServiceCollection AddBot(this IServiceCollection services, IConfiguration configuration, TimeProvider? time = null, Random? random = null)
    {
        time ??= TimeProvider.System;
        services.AddSingleton(time);
        services.AddSingleton(random ?? Random.Shared);
        return services
            .AddStorage(configuration)
            .AddQuestionBank(configuration)
            .AddInteractions(configuration)
            .AddPractice()
            .AddDaily(time, StorageStartup.SharedDatabase(configuration))
            .AddAnswers(configuration)
            .AddLearning()
            .AddMock()
            .AddPeerAnswers()
            .AddMyData()
            .AddHelp()
            .AddOperations(configuration, time);
    }
}
