using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;

namespace MlePrep.Bot.PeerAnswers;

public static class PeerAnswersServiceCollectionExtensions
{
    /// <summary>
    /// Shared daily answers: the answer modal's option (through <see cref="IAnswerSharing"/>), the reveal when the window
    /// closes (the poster's <see cref="IDailyWindowClosed"/>, and at start), votes, hiding, and the helpful board.
    /// </summary>
    public static IServiceCollection AddPeerAnswers(this IServiceCollection services)
    {
        services.AddSingleton<PeerSharing>();
        services.AddSingleton<IAnswerSharing>(sp => sp.GetRequiredService<PeerSharing>());
        services.AddSingleton<IHelpfulVotes, PeerBoard>();
        services.AddSingleton<PeerReveals>();
        services.AddSingleton<IDailyWindowClosed>(sp => sp.GetRequiredService<PeerReveals>());
        services.AddSingleton<PeerMemberData>();
        services.AddHostedService<PeerRevealCatchUp>();
        services.AddComponentHandler<PeerAnswerButtons>();
        return services;
    }
}
