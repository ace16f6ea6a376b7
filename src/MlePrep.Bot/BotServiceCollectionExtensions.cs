using Microsoft.Extensions.Options;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.MyData;
using MlePrep.Bot.Practice;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Scheduling;
using MlePrep.Bot.Storage;
using MlePrep.Bot.Streaks;
using MlePrep.Discord.Hosting;
using Quartz;

namespace MlePrep.Bot;

/// <summary>The bot's composition root: storage, the question bank, commands and components.</summary>
public static class BotServiceCollectionExtensions
{
    // time: the clock of the whole bot, Quartz included (tests and the sandbox pass a controllable one).
    public static IServiceCollection AddBot(this IServiceCollection services, IConfiguration configuration, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        services.AddSingleton(time);
        services.AddStorage(configuration).AddQuestions(configuration).AddCommands(configuration).AddDaily(time).AddStreaks(configuration);
        return services;
    }

    private static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BotDatabase>();
        services.AddSingleton<PracticeStore>();
        services.AddHostedService<StorageWatchdog>();
        return services;
    }

    private static IServiceCollection AddQuestions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QuestionsOptions>().Bind(configuration.GetSection(QuestionsOptions.SectionName));
        services.AddSingleton(sp => QuestionLoader.LoadBank(sp.GetRequiredService<IOptions<QuestionsOptions>>().Value.ResolveFolder()));
        // Loads the bank while the host starts, so a broken pack stops the start instead of the first /question.
        services.AddHostedService<QuestionBankWarmup>();
        services.AddSingleton(sp => new QuestionPicker(sp.GetRequiredService<PracticeStore>(), sp.GetRequiredService<TimeProvider>(), Random.Shared));
        return services;
    }

    private static IServiceCollection AddCommands(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CommandRegistrationOptions>().Bind(configuration.GetSection("Discord"));
        services.AddScoped<IInteractionHandler, InteractionRouter>();
        services.AddScoped<IGatewayEventHandler, CommandRegistrar>();
        services.AddSingleton<GuildCommandSweep>();
        services.AddScoped<ISlashCommand, QuestionCommand>();
        services.AddScoped<IComponentHandler, HintButton>();
        services.AddScoped<IComponentHandler, AnotherButton>();
        return services;
    }

    private static IServiceCollection AddDaily(this IServiceCollection services, TimeProvider time)
    {
        services.AddSingleton<DailyStore>();
        services.AddSingleton<DailyChannelLocks>();
        services.AddSingleton<DailyChannelAccess>();
        services.AddSingleton<IDailyPostRenderer, DailyPostRenderer>();
        services.AddSingleton<IDailyScheduler, DailyScheduler>();
        services.AddSingleton<DailyPoster>();
        services.AddQuartz(q =>
        {
            q.UseTimeProvider(time);
            q.UseInMemoryStore();
            // Posts mostly wait on Discord's rate limits, so more threads than cores keep a busy 09:00 moving.
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = 16);
            q.AddJob<DailyQuestionJob>(job => job.WithIdentity(DailyScheduler.JobKey).StoreDurably());
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<DailyRecovery>();
        services.AddScoped<ISlashCommand, DailyCommand>();
        services.AddScoped<IGatewayEventHandler, DailyGatewayEvents>();
        return services;
    }

    /// <summary>Answers, streaks, boards and /mydata. The daily feature registers the <see cref="IDailyPostRenderer"/> the live count edits posts with.</summary>
    private static IServiceCollection AddStreaks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PracticeOptions>().Bind(configuration.GetSection(PracticeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AnswerStore>();
        services.AddSingleton<DailyLedger>();
        services.AddSingleton<StreakService>();
        services.AddSingleton<LiveAnswerCount>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveAnswerCount>());
        services.AddScoped<IComponentHandler, AnswerButton>();
        services.AddScoped<IComponentHandler, AnswerModal>();
        services.AddScoped<ISlashCommand, StreakCommand>();
        services.AddScoped<ISlashCommand, LeaderboardCommand>();
        services.AddScoped<ISlashCommand, MyDataCommand>();
        services.AddScoped<IComponentHandler, MyDataButtons>();
        return services;
    }
}
