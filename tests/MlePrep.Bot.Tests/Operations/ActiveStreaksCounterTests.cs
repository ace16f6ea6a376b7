using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Operations;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Operations;

public sealed class ActiveStreaksCounterTests
{
    [Fact]
    public async Task Active_streaks_are_first_counted_a_minute_after_start_not_while_the_bot_starts()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        using var db = BotDatabase.InMemory();
        var daily = new LiteDailyStore(db);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var instrumentation = new Instrumentation(services.GetRequiredService<IMeterFactory>());
        using var counter = new ActiveStreaksCounter(daily, new StreakService(new DailyLedger(daily), new LiteAnswerStore(db)),
            instrumentation, time, NullLogger<ActiveStreaksCounter>.Instance);

        var started = time.GetUtcNow();
        await counter.StartAsync(CancellationToken.None);
        // A second at a time: the service sets its timer on its own thread, whenever that runs.
        while (instrumentation.ActiveStreaks is null && time.GetUtcNow() - started < TimeSpan.FromMinutes(3))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.Equal(0, instrumentation.ActiveStreaks);
        Assert.True(time.GetUtcNow() - started >= Instrumentation.StreaksFirstAfter, $"counted {time.GetUtcNow() - started} after start");
        await counter.StopAsync(CancellationToken.None);
    }
}
