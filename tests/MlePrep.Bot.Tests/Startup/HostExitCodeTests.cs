using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MlePrep.Bot.Tests.Startup;

/// <summary>
/// How the process ends when the host stops: a crashed background service stops the host (the default
/// <see cref="BackgroundServiceExceptionBehavior.StopHost"/>), and must not end the process with 0, which a supervisor's
/// restart-on-failure policy takes for a clean stop.
/// </summary>
public sealed class HostExitCodeTests
{
    private static IHost Build(Func<CancellationToken, Task> work)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddHostedService(_ => new Worker(work));
        // A service that keeps running, as the gateway does, so only the crash can stop the host.
        builder.Services.AddHostedService<Idle>();
        return builder.Build();
    }

    [Fact]
    public async Task A_service_that_throws_stops_the_host_with_exit_code_1()
    {
        using var host = Build(async ct =>
        {
            await Task.Yield();
            throw new InvalidOperationException("catch-up failed");
        });
        await host.StartAsync();

        Assert.Equal(1, await BotHost.WaitForExitCodeAsync(host));
    }

    [Fact]
    public async Task A_cancellation_nobody_asked_for_is_a_crash_too()
    {
        // An HttpClient timeout surfaces as TaskCanceledException, which ends the service as cancelled, not faulted.
        using var host = Build(async ct =>
        {
            await Task.Yield();
            throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.");
        });
        await host.StartAsync();

        Assert.Equal(1, await BotHost.WaitForExitCodeAsync(host));
    }

    [Fact]
    public async Task A_requested_stop_exits_0_even_when_services_end_by_cancellation()
    {
        // Task.Delay(…, ct) ends as cancelled when the host stops: that is a clean stop.
        using var host = Build(ct => Task.Delay(Timeout.Infinite, ct));
        await host.StartAsync();
        var exit = BotHost.WaitForExitCodeAsync(host);

        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.Equal(0, await exit);
    }

    private sealed class Worker(Func<CancellationToken, Task> work) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => work(stoppingToken);
    }

    private sealed class Idle : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(Timeout.Infinite, stoppingToken);
    }
}
