using MlePrep.Bot.Interactions;

namespace MlePrep.Bot.MyData;

public static class MyDataServiceCollectionExtensions
{
    /// <summary>/mydata: a member's stored data, exported and deleted (relies on the stores the other features register).</summary>
    public static IServiceCollection AddMyData(this IServiceCollection services)
    {
        services.AddSlashCommand<MyDataCommand>();
        services.AddComponentHandler<MyDataButtons>();
        return services;
    }
}
