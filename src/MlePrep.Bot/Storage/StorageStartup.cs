using Microsoft.Extensions.Options;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Learning;
using MlePrep.Bot.MockInterviews;
using MlePrep.Bot.Operations;
using MlePrep.Bot.PeerAnswers;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage.Postgres;

namespace MlePrep.Bot.Storage;

/// <summary>Storage as the rest of the bot sees it: the ports to register, and the database to open before the host starts.</summary>
public static class StorageStartup
{
    /// <summary>
    /// The adapters of the ported stores on the configured provider: LiteDB (the database file, and the watchdog that
    /// stops the bot when it breaks) or PostgreSQL (shared by several processes, with the channel locks held in it).
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidation>();
        if (SharedDatabase(configuration) is not null)
        {
            services.AddSingleton<PostgresDatabase>();
            services.AddSingleton<IPracticeStore, PgPracticeStore>();
            services.AddSingleton<IAnswerStore, PgAnswerStore>();
            services.AddSingleton<IDailyStore, PgDailyStore>();
            services.AddSingleton<ILearningStore, PgLearningStore>();
            services.AddSingleton<IMockStore, PgMockStore>();
            services.AddSingleton<IPeerStore, PgPeerStore>();
            services.AddSingleton<ISharedChannelLocks, PgChannelLocks>();
            services.AddSingleton<IDatabaseOperations, PgDatabaseOperations>();
            return services;
        }
        services.AddSingleton<BotDatabase>();
        services.AddSingleton<IPracticeStore, LitePracticeStore>();
        services.AddSingleton<IAnswerStore, LiteAnswerStore>();
        services.AddSingleton<IDailyStore, LiteDailyStore>();
        services.AddSingleton<ILearningStore, LiteLearningStore>();
        services.AddSingleton<IMockStore, LiteMockStore>();
        services.AddSingleton<IPeerStore, LitePeerStore>();
        services.AddHostedService<StorageWatchdog>();
        services.AddSingleton<IDatabaseOperations, LiteDatabaseOperations>();
        return services;
    }

    /// <summary>
    /// The connection string of the PostgreSQL database that several processes share, when <c>Storage:Provider</c> is
    /// <c>PostgreSql</c>; null for LiteDB (and for a provider the settings check refuses).
    /// </summary>
    public static string? SharedDatabase(IConfiguration configuration)
    {
        var section = configuration.GetSection(StorageOptions.SectionName);
        return Enum.TryParse<StorageProvider>(section[nameof(StorageOptions.Provider)], ignoreCase: true, out var provider)
            && provider == StorageProvider.PostgreSql
            && section[nameof(StorageOptions.ConnectionString)] is { Length: > 0 } connectionString
            ? connectionString
            : null;
    }

    /// <summary>
    /// Opens the database now (and migrates its schema), so a file in use, a server out of reach, or a schema newer than
    /// this build is one line, not a start-up stack trace.
    /// </summary>
    /// <exception cref="DatabaseOpenException">The database cannot be opened.</exception>
    public static void OpenStorage(this IServiceProvider services)
    {
        if (services.GetService<PostgresDatabase>() is null)
        {
            services.GetRequiredService<BotDatabase>();
        }
    }
}
