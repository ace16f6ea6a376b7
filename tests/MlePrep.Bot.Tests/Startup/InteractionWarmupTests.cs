using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MlePrep.Bot.Emulated;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Tests.Startup;

/// <summary>
/// The warm-up that runs while the bot starts goes through the real router and handlers with the real question bank,
/// and leaves the member data it would write (question history, hint reveals) out of the bot's own database.
/// </summary>
public sealed class InteractionWarmupTests : IDisposable
{
    private readonly string _database = EmulatedBot.NewDatabasePath();

    [Fact]
    public async Task The_warm_up_runs_each_interaction_through_the_handlers_and_writes_nothing_to_the_bot_database()
    {
        var builder = BotHost.CreateBuilder([], settings: new Dictionary<string, string?>
        {
            ["Discord:Token"] = "token",
            ["Storage:DatabasePath"] = _database,
        });
        var logs = new FakeLogCollector();
        builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        using var host = builder.Build();

        await InteractionWarmup.RunAsync(host.Services, CancellationToken.None);

        var records = logs.GetSnapshot();
        Assert.DoesNotContain(records, r => r.Level >= LogLevel.Warning);
        Assert.Contains(records, r => r.Id.Id == 3900 && r.Message.StartsWith("Warmed up 5 interactions", StringComparison.Ordinal));
        // A failing handler logs an error through the router; none did, and their writes went to the throwaway database.
        var practice = host.Services.GetRequiredService<IPracticeStore>();
        Assert.Empty(await practice.ShownInAsync(2));
        var hinted = host.Services.GetRequiredService<QuestionBank>().All.First(q => q.Hints.Count > 1);
        Assert.Equal(0, await practice.HintsRevealedAsync(1, 3, hinted.Id));
    }

    public void Dispose() => EmulatedBot.DeleteDatabase(_database);
}
