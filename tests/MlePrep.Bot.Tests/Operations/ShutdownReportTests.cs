using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using MlePrep.Bot.Operations;

namespace MlePrep.Bot.Tests.Operations;

/// <summary>The stop is observable: what was in flight when it began, what the drain finished, what was cut off.</summary>
public sealed class ShutdownReportTests
{
    [Fact]
    public async Task The_report_counts_interactions_finished_during_the_drain_and_those_cut_off()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var instrumentation = new Instrumentation(services.GetRequiredService<IMeterFactory>());
        var logger = new FakeLogger<ShutdownReport>();
        var report = new ShutdownReport(instrumentation, logger);
        instrumentation.Started();
        instrumentation.Ended();
        instrumentation.Started();
        instrumentation.Started();

        await report.StoppingAsync(default);
        instrumentation.Ended();
        await report.StoppedAsync(default);

        var lines = logger.Collector.GetSnapshot();
        Assert.Equal("Shutdown began: the bot reports not ready; 2 interactions in flight", lines[0].Message);
        Assert.Matches(@"^Shutdown finished in \d+\.\d s: 1 interactions finished during the drain, 1 were cut off$", lines[1].Message);
    }
}
