using MlePrep.Bot.Interactions;

namespace MlePrep.Bot.MockInterviews;

public static class MockServiceCollectionExtensions
{
    /// <summary>/mock: timed mock interviews in a private thread, their time boxes restored at start.</summary>
    public static IServiceCollection AddMock(this IServiceCollection services)
    {
        services.AddSingleton<MockPicker>();
        services.AddSingleton<MockSessions>();
        services.AddSingleton<IAnswerFlow>(sp => sp.GetRequiredService<MockSessions>());
        services.AddHostedService<MockTimeBoxes>();
        services.AddSlashCommand<MockCommand>();
        services.AddComponentHandler<MockSkipButton>();
        return services;
    }
}
