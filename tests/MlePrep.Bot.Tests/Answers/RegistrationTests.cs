using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Interactions;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Bot.Tests.Answers;

public sealed class RegistrationTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"mleprep-{Guid.NewGuid():N}.db");

    private IHost? _host;

    public void Dispose()
    {
        _host?.Dispose();
        File.Delete(_database);
    }

    /// <summary>The real composition (a Development host validates every registration when it is built).</summary>
    private IServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["Storage:DatabasePath"] = _database;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(Mock.Of<IDiscordRestClient>());
        builder.Services.AddBot(builder.Configuration);
        _host = builder.Build();
        return _host.Services;
    }

    [Fact]
    public void AddBot_registers_the_answer_and_streak_handlers_with_the_default_minimum()
    {
        var provider = Build([]);
        using var scope = provider.CreateScope();

        Assert.Superset(new HashSet<Type> { typeof(AnswerId), typeof(AnswerModalId), typeof(MyDataId) },
            scope.ServiceProvider.GetServices<IComponentHandler>().Select(h => h.IdType).ToHashSet());
        Assert.Superset(new HashSet<string> { "streak", "leaderboard", "mydata" },
            scope.ServiceProvider.GetServices<ISlashCommand>().Select(c => c.Definition.Name).ToHashSet());
        Assert.Equal(30, provider.GetRequiredService<IOptions<PracticeOptions>>().Value.MinAnswerLength);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("4001")]
    public void A_minimum_answer_length_outside_1_to_4000_is_a_configuration_error(string value)
    {
        var provider = Build(new() { ["Practice:MinAnswerLength"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PracticeOptions>>().Value);
        Assert.Contains("between 1 and 4000", error.Message);
    }
}
