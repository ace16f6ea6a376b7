using MlePrep.Bot.Interactions;
using MlePrep.Discord.Hosting;
using Quartz;

namespace MlePrep.Bot.Daily;

public static class DailyServiceCollectionExtensions
{
    /// <summary>The daily question: /daily, the Quartz schedule in each channel's zone, posting and recovery.</summary>
    public static IServiceCollection AddDaily(this IServiceCollection services, TimeProvider time)
    {
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
}
