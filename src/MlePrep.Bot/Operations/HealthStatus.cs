using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Hosting;
using Quartz;

namespace MlePrep.Bot.Operations;

/// <summary>One part of the bot's health.</summary>
public sealed record HealthPart(string Name, bool Ok, string Detail);

/// <summary>The bot's health at <see cref="At"/>: ready when every part is; a stopping bot is not ready.</summary>
public sealed record HealthReport(DateTimeOffset At, bool Ready, bool Stopping, IReadOnlyList<HealthPart> Parts)
{
    public string Describe() => string.Join(Environment.NewLine,
        Parts.Select(p => $"{(p.Ok ? "ok  " : "FAIL")} {p.Name}: {p.Detail}").Prepend(Stopping ? "stopping" : Ready ? "ready" : "not ready"));
}

[JsonSerializable(typeof(HealthReport))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
internal sealed partial class HealthJsonContext : JsonSerializerContext;

/// <summary>
/// Computes the health (interactions can arrive, the database takes writes, the scheduler runs, the question bank is
/// loaded) and keeps it in the status file, rewritten every <see cref="WriteEvery"/>; <c>health</c> calls a file older
/// than <see cref="StaleAfter"/> a dead bot. As soon as the host begins to stop, the file says "stopping".
/// </summary>
public sealed class HealthStatus(
    IEnumerable<IInteractionsReadiness> interactions,
    IDatabaseOperations database,
    ISchedulerFactory schedulers,
    QuestionBank bank,
    IOptions<OperationsOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<HealthStatus> logger) : BackgroundService, IHostedLifecycleService
{
    internal static readonly TimeSpan WriteEvery = TimeSpan.FromSeconds(5);

    /// <summary>Six missed writes: a bot that stopped writing is hung or gone.</summary>
    internal static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    // The database probe writes; once a minute is plenty to notice a disk that stopped taking writes.
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMinutes(1);

    // The stop's write and the timer's may overlap; one at a time keeps the temporary file whole.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private DateTimeOffset _probedAt = DateTimeOffset.MinValue;
    private string? _databaseProblem;

    public string StatusFile => options.Value.StatusFile(database.DatabasePath);

    /// <summary>The health now.</summary>
    public Task<HealthReport> ReportAsync(CancellationToken ct) => ReportAsync(stopping: false, ct);

    private async Task<HealthReport> ReportAsync(bool stopping, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        stopping |= lifetime.ApplicationStopping.IsCancellationRequested;
        var sources = interactions.ToList();
        var ready = sources.Where(s => s.IsReady).Select(s => s.Source).ToList();
        if (now - _probedAt >= ProbeEvery)
        {
            _databaseProblem = database.ProbeWrite(now);
            _probedAt = now;
        }
        var schedulerRuns = await SchedulerRunsAsync(ct);
        HealthPart[] parts =
        [
            new("interactions", ready.Count > 0, ready.Count > 0 ? $"receiving through {string.Join(", ", ready)}"
                : sources.Count == 0 ? "no way to receive interactions is configured" : $"not connected ({string.Join(", ", sources.Select(s => s.Source))})"),
            new("database", _databaseProblem is null, _databaseProblem ?? "writable"),
            new("scheduler", schedulerRuns, schedulerRuns ? "running" : "not running"),
            new("question bank", bank.All.Count > 0, $"{bank.All.Count} questions"),
        ];
        return new HealthReport(now, !stopping && parts.All(p => p.Ok), stopping, parts);
    }

    private async Task<bool> SchedulerRunsAsync(CancellationToken ct)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(ct);
            return await scheduler.GetStatus(ct) == SchedulerStatus.Running;
        }
        catch (SchedulerException)
        {
            // Once shut down (a host stopped again, or a start that failed), Quartz refuses even the status question.
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(WriteEvery, time);
        try
        {
            do
            {
                await WriteAsync(stopping: false, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // Not-ready the moment the stop begins, before any service has stopped: a probe stops sending work at once. The host
    // awaits this, so the file says "stopping" before the first service stops.
    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => WriteAsync(stopping: true, CancellationToken.None);

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WriteAsync(bool stopping, CancellationToken ct)
    {
        await _writing.WaitAsync(CancellationToken.None);
        try
        {
            var report = await ReportAsync(stopping, ct);
            // Whole or not at all: health never reads a half-written file.
            var temporary = StatusFile + ".tmp";
            // Its folder may not exist yet when no LiteDB file made it (PostgreSQL, or a Health:StatusPath elsewhere).
            Directory.CreateDirectory(Path.GetDirectoryName(StatusFile)!);
            await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(report, HealthJsonContext.Default.HealthReport), ct);
            File.Move(temporary, StatusFile, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.HealthStatusNotWritten(logger, StatusFile, e.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            _writing.Release();
        }
    }

    public override void Dispose()
    {
        _writing.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// What <c>health</c> exits with for the status file at <paramref name="path"/>: 0 when it is fresh and ready, else 1;
    /// <paramref name="output"/> gets the report, or why there is none.
    /// </summary>
    public static int Check(string path, DateTimeOffset now, TextWriter output)
    {
        HealthReport? report;
        try
        {
            report = JsonSerializer.Deserialize(File.ReadAllBytes(path), HealthJsonContext.Default.HealthReport);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            output.WriteLine(File.Exists(path) ? $"unhealthy: the status file {path} cannot be read ({e.Message})" : $"unhealthy: no status file at {path}: the bot is not running (or Health:StatusPath differs)");
            return 1;
        }
        if (report is null)
        {
            output.WriteLine($"unhealthy: the status file {path} is empty");
            return 1;
        }
        var age = now - report.At;
        if (age > StaleAfter)
        {
            output.WriteLine($"unhealthy: the status file {path} is {age.TotalSeconds:F0} s old: the bot is not running or is hung");
            return 1;
        }
        output.WriteLine(report.Describe());
        return report.Ready ? 0 : 1;
    }
}
