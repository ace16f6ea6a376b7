using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace MlePrep.Bot.Operations;

/// <summary>
/// With <c>Telemetry:Url</c> set: <c>/healthz</c> (liveness: 200 while the process serves), <c>/readyz</c> (200 when
/// ready, else 503; both with the report as JSON) and <c>/metrics</c> (Prometheus text) on their own small Kestrel.
/// It stops after every other service, so probes read "stopping" (503) through the whole drain.
/// </summary>
internal sealed class TelemetryEndpoint(
    HealthStatus health, MeterProvider meters, IOptions<OperationsOptions> options, ILoggerFactory loggers) : IHostedLifecycleService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.TelemetryUrl is not { Length: > 0 } url)
        {
            return;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Services.AddSingleton(loggers);
        var app = builder.Build();
        app.MapGet("/healthz", (CancellationToken ct) => ServeAsync(live: true, ct));
        app.MapGet("/readyz", (CancellationToken ct) => ServeAsync(live: false, ct));
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meters, predicate: null, path: "/metrics", configureBranchedPipeline: null, optionsName: null);
        await app.StartAsync(cancellationToken);
        _app = app;
        Log.TelemetryListening(loggers.CreateLogger<TelemetryEndpoint>(), url);
    }

    private async Task<IResult> ServeAsync(bool live, CancellationToken ct)
    {
        var report = await health.ReportAsync(ct);
        return Results.Text(JsonSerializer.Serialize(report, HealthJsonContext.Default.HealthReport), "application/json",
            statusCode: live || report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.DisposeAsync();
        }
    }
}
