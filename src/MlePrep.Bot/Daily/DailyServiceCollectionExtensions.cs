using MlePrep.Bot.Interactions;
using MlePrep.Discord.Hosting;
using Quartz;

namespace MlePrep.Bot.Daily;

public static class DailyServiceCollectionExtensions
{
    /// <summary>Quartz's name for the bot's scheduler: the processes of one cluster share it (and its rows).</summary>
    internal const string SchedulerName = "MlePrep.Bot";

    /// <summary>
    /// The daily question: /daily, the Quartz schedule in each channel's zone, posting and recovery.
    /// <paramref name="sharedDatabase"/>: the PostgreSQL connection string when several processes share the storage;
    /// Quartz then keeps its triggers there and runs clustered, so each fire happens on one process and a process that
    /// dies mid-post has its post recovered by another. Null keeps them in memory (one process).
    /// </summary>
    public static IServiceCollection AddDaily(this IServiceCollection services, TimeProvider time, string? sharedDatabase = null)
    {
        services.AddSingleton<DailyChannelLocks>();
        services.AddSingleton<DailyChannelAccess>();
        services.AddSingleton<IDailyPostRenderer, DailyPostRenderer>();
        services.AddSingleton<IDailyScheduler, DailyScheduler>();
        services.AddSingleton<DailyPoster>();
        services.AddQuartz(q =>
        {
            q.UseTimeProvider(time);
            if (sharedDatabase is null)
            {
                q.UseInMemoryStore();
            }
            else
            {
                q.ConfigureScheduler(s =>
                {
                    s.InstanceName = SchedulerName;
                    s.GenerateInstanceId = true;
                });
                q.UsePersistentStore(store =>
                {
                    // The qrtz_ tables come from the storage's migrations (Quartz's own script): no provisioning race at start.
                    store.UsePostgres(sharedDatabase);
                    store.UseClustering(_ => { });
                    store.UseSystemTextJsonSerializer();
                });
            }
            // Posts mostly wait on Discord's rate limits, so more threads than cores keep a busy 09:00 moving.
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = 16);
            // RequestRecovery: a post in flight on a process that dies is fired again by another (clustered store only);
            // the ledger and the post's nonce keep that to one message.
            q.AddJob<DailyQuestionJob>(job => job.WithIdentity(DailyScheduler.JobKey).StoreDurably().RequestRecovery());
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<DailyRecovery>();
        services.AddSlashCommand<DailyCommand>();
        services.AddScoped<IGatewayEventHandler, DailyGatewayEvents>();
        return services;
    }
}
