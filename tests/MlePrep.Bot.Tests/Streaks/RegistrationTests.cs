using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlePrep.Bot.Commands;
using MlePrep.Bot.Scheduling;
using MlePrep.Bot.Streaks;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Bot.Tests.Streaks;

public sealed class RegistrationTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"mleprep-{Guid.NewGuid():N}.db");

    private sealed class Renderer : IDailyPostRenderer
    {
        public MessagePayload Render(DailyOccurrence occurrence, int answerCount) => new();
    }

    public void Dispose() => File.Delete(_database);

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["Storage:DatabasePath"] = _database;
        var services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton(Mock.Of<IDiscordRestClient>())
            .AddSingleton<IDailyPostRenderer, Renderer>();
        services.AddBot(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void AddBot_registers_the_answer_and_streak_handlers_with_the_default_minimum()
    {
        using var provider = Build([]);
        using var scope = provider.CreateScope();

        Assert.Equal(["answer", "answerm", "mydata"],
            scope.ServiceProvider.GetServices<IComponentHandler>().Select(h => h.Prefix).Where(p => p is "answer" or "answerm" or "mydata").Order());
        Assert.Superset(new HashSet<string> { "streak", "leaderboard", "mydata" },
            scope.ServiceProvider.GetServices<ISlashCommand>().Select(c => c.Definition.Name).ToHashSet());
        Assert.Equal(30, provider.GetRequiredService<IOptions<PracticeOptions>>().Value.MinAnswerLength);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("4001")]
    public void A_minimum_answer_length_outside_1_to_4000_is_a_configuration_error(string value)
    {
        using var provider = Build(new() { ["Practice:MinAnswerLength"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PracticeOptions>>().Value);
        Assert.Contains("between 1 and 4000", error.Message);
    }
}
