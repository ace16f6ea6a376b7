namespace MlePrep.Bot.Tests.Startup;

/// <summary>
/// What the production binary (and so the Docker image) carries: the bot and its client, no development tools. ASP.NET Core
/// is the bot's own: Kestrel serves the HTTP interactions endpoint and the telemetry endpoint.
/// </summary>
public sealed class ProductionDependenciesTests
{
    [Fact]
    public void The_bot_references_no_emulator_and_no_testing_package()
    {
        var references = typeof(BotHost).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        // The check reads real references: the bot's own Discord client is one.
        Assert.Contains("MlePrep.Discord", references);
        Assert.DoesNotContain(references, name =>
            name.StartsWith("MlePrep.Discord.Emulator", StringComparison.Ordinal)
            || name.Contains(".Testing", StringComparison.Ordinal)
            || name.StartsWith("xunit", StringComparison.OrdinalIgnoreCase));
    }
}
