using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using MlePrep.Bot.Operations;
using MlePrep.Bot.Tests.EndToEnd;

namespace MlePrep.Bot.Tests.Operations;

/// <summary>Health, the telemetry endpoint, /about and an online backup through the real host and the emulator.</summary>
[Trait("Category", "EndToEnd")]
public sealed class OperationsFlowTests : IAsyncLifetime
{
    private readonly int _port = FreePort();
    private BotFixture _bot = null!;

    public async Task InitializeAsync() => _bot = await BotFixture.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Telemetry:Url"] = $"http://127.0.0.1:{_port}",
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Probes_and_metrics_are_served_and_readiness_reports_every_part()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        await _bot.CommandAsync("question");

        var live = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var report = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.OK, report);
        foreach (var part in new[] { "interactions", "database", "scheduler", "question bank" })
        {
            Assert.Contains($"\"name\": \"{part}\"", report);
        }
        Assert.Contains("mleprep_interactions_total{", metrics);
        Assert.Contains("command=\"/question\"", metrics);
        Assert.Contains("discord_rest_requests_total{", metrics);
    }

    [Fact]
    public async Task About_shows_the_version_uptime_bank_size_and_server_count_privately()
    {
        // READY's handlers run one after another; the server count's may come after the command registration the fixture waits for.
        await Until.TrueAsync(() => _bot.Host.Services.GetRequiredService<ServerCount>().Count > 0, TimeSpan.FromSeconds(10));
        var (_, reply) = await _bot.CommandAsync("about");

        Assert.True(BotFixture.IsEphemeral(reply));
        var content = (string)reply.Data!["content"]!;
        Assert.Matches(@"^MlePrep\.Bot \S+ · up \d+ min · \d+ questions · 1 server in this process$", content);
    }

    [Fact]
    public async Task A_backup_requested_while_the_bot_runs_is_written_by_it_and_the_status_says_stopping_once_the_stop_begins()
    {
        await _bot.CommandAsync("question");
        var target = Path.Combine(Path.GetTempPath(), $"mleprep-backup-{Guid.NewGuid():N}.db");
        var statusFile = _bot.Host.Services.GetRequiredService<HealthStatus>().StatusFile;
        try
        {
            var bytes = await ControlSocket.RequestBackupAsync(_bot.DatabasePath, target, CancellationToken.None);

            Assert.Equal(new FileInfo(target).Length, bytes);
            // Rewritten every 5 s: the write after READY says ready.
            await Until.TrueAsync(() => HealthStatus.Check(statusFile, DateTimeOffset.UtcNow, TextWriter.Null) == 0, TimeSpan.FromSeconds(20));

            await _bot.StopBotAsync();

            var output = new StringWriter();
            Assert.Equal(1, HealthStatus.Check(statusFile, DateTimeOffset.UtcNow, output));
            Assert.StartsWith("stopping", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(target);
        }
    }
}
