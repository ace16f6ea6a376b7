using MlePrep.Bot.Interactions;
using MlePrep.Bot.Tests.Architecture.Fixture.Daily;

namespace MlePrep.Bot.Tests.Architecture;

/// <summary>
/// Dependencies between the bot's modules point one way: features use Interactions and the question bank; storage
/// adapters implement the features' ports; Answers reads Daily; /mydata reaches every member-data store; nothing points back.
/// </summary>
public sealed class ModuleDependencyTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Host"] = ["Interactions", "Questions", "Storage", "Practice", "Daily", "Answers", "Learning", "MockInterviews", "PeerAnswers", "MyData", "Help", "Operations"],
        ["Interactions"] = [],
        ["Questions"] = [],
        // Storage adapters (LiteDB's, and PostgreSQL's in Storage.Postgres) implement the ports the features own; features
        // never see the adapters. A stored grade is the codec's Grade (Interactions), the enum its buttons carry.
        ["Storage"] = ["Interactions", "Questions", "Practice", "Daily", "Answers", "Learning", "MockInterviews", "PeerAnswers", "Operations"],
        ["Practice"] = ["Interactions", "Questions"],
        ["Daily"] = ["Interactions", "Questions"],
        ["Answers"] = ["Interactions", "Questions", "Daily"],
        // Learning reads answers and the boards' streaks; it serves /question's weakest topic through the Questions port.
        ["Learning"] = ["Interactions", "Questions", "Daily", "Answers"],
        // Mock reads what the member saw lately (answers, hint reveals) to pick fresh questions; answers reach it through Interactions' IAnswerFlow.
        ["MockInterviews"] = ["Interactions", "Questions", "Answers"],
        // Sharing answers reads the daily ledger and the stored answers; the answer modal and the board reach it through Answers' ports.
        ["PeerAnswers"] = ["Interactions", "Questions", "Daily", "Answers"],
        ["MyData"] = ["Interactions", "Questions", "Daily", "Answers", "Learning", "MockInterviews", "PeerAnswers"],
        ["Help"] = ["Interactions"],
        // Health, metrics, backups, /about: reads the features' state and counts at their ports; storage implements its port.
        ["Operations"] = ["Interactions", "Questions", "Daily", "Answers"],
    };

    /// <summary>
    /// The module of a bot type: its namespace under <c>MlePrep.Bot</c>, sub-namespaces included (<c>Interactions.Http</c> is
    /// part of Interactions, <c>Storage.Postgres</c> of Storage). <c>Log</c>, <c>Metrics</c> and <c>LogScope</c> are the
    /// instrumentation every module records into, so they are no dependency.
    /// </summary>
    private static string? ModuleOf(Type type)
    {
        if (type.Assembly != typeof(InteractionRouter).Assembly || type.FullName is "MlePrep.Bot.Log" or "MlePrep.Bot.Metrics" or "MlePrep.Bot.LogScope")
        {
            return null;
        }
        return type.Namespace switch
        {
            "MlePrep.Bot" => "Host",
            { } ns when ns.StartsWith("MlePrep.Bot.", StringComparison.Ordinal) => ns["MlePrep.Bot.".Length..].Split('.')[0],
            _ => null,
        };
    }

    private static string[] Forbidden(IEnumerable<(string From, string To)> edges) =>
        edges.Where(e => !Allowed.TryGetValue(e.From, out var to) || !to.Contains(e.To))
            .Select(e => $"{e.From} → {e.To}")
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public void The_bot_has_no_forbidden_dependency_between_modules()
    {
        var edges = ModuleGraph.Edges(typeof(InteractionRouter).Assembly.GetTypes(), ModuleOf);

        Assert.Empty(Forbidden(edges));
        // The graph is really read: the dependencies the design relies on are found.
        Assert.Contains(("Answers", "Daily"), edges);
        Assert.Contains(("Daily", "Interactions"), edges);
        Assert.Contains(("Host", "MyData"), edges);
        Assert.Contains(("Storage", "Daily"), edges);
        Assert.Contains(("Storage", "Learning"), edges);
        Assert.Contains(("MyData", "Learning"), edges);
        Assert.Contains(("Storage", "Operations"), edges);
        Assert.Contains(("Operations", "Answers"), edges);
    }

    [Fact]
    public void A_module_pointing_back_is_reported_even_from_inside_a_method_body()
    {
        // Two fixture namespaces stand in for Daily and Answers; the daily one calls the answers one in a method body only.
        static string? FixtureModule(Type type) =>
            type.Namespace?.StartsWith("MlePrep.Bot.Tests.Architecture.Fixture.", StringComparison.Ordinal) == true
                ? type.Namespace["MlePrep.Bot.Tests.Architecture.Fixture.".Length..]
                : null;

        var edges = ModuleGraph.Edges(typeof(ForbiddenPoster).Assembly.GetTypes(), FixtureModule);

        Assert.Equal([("Daily", "Answers")], edges);
        Assert.Equal(["Daily → Answers"], Forbidden(edges));
    }
}
