using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Operations;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Storage;

/// <summary>Storage as the rest of the bot sees it: the ports to register, and the database to open before the host starts.</summary>
public static class StorageStartup
{
    /// <summary>The LiteDB database, the watchdog that stops the bot when it breaks, and the adapters of the ported stores.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BotDatabase>();
        services.AddSingleton<IPracticeStore, LitePracticeStore>();
        services.AddSingleton<IAnswerStore, LiteAnswerStore>();
        services.AddSingleton<IDailyStore, LiteDailyStore>();
        services.AddHostedService<StorageWatchdog>();
        services.AddSingleton<IDatabaseOperations, LiteDatabaseOperations>();
        return services;
    }

    /// <summary>
    /// Opens the database now, so a file in use, damaged or not writable is one line, not a start-up stack trace.
    /// </summary>
    /// <exception cref="DatabaseOpenException">The database cannot be opened.</exception>
    public static void OpenStorage(this IServiceProvider services) => services.GetRequiredService<BotDatabase>();
}
