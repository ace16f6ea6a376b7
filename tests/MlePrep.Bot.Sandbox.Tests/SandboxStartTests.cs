using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MlePrep.Bot.Sandbox.Tests;

/// <summary>The sandbox program as a newcomer runs it: a separate process, in an empty folder.</summary>
[Trait("Category", "Process")]
public sealed partial class SandboxStartTests : IDisposable
{
    // A hang guard, not a performance target (start-up time is measured in bench/): generous for a loaded CI machine.
    private static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(90);

    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-sandbox-").FullName;

    [Fact]
    public async Task The_process_prints_a_loopback_url_serves_the_page_and_the_bot_becomes_ready()
    {
        var started = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo("dotnet", [typeof(SandboxApp).Assembly.Location, "--port", "0"])
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            var url = await ReadUrlAsync(process).WaitAsync(StartBudget);
            // Keep reading, so the sandbox never blocks on a full pipe while it logs.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            Assert.Equal("127.0.0.1", url.Host);
            using var http = new HttpClient { BaseAddress = url };

            var page = await http.GetAsync(new Uri("/", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<title>MlePrep sandbox</title>", await page.Content.ReadAsStringAsync());
            foreach (var file in new[] { "app.js", "render.js", "composer.js", "modal.js", "sandbox.css" })
            {
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(file, UriKind.Relative))).StatusCode);
            }

            // Only this machine's pages may drive the bot: no other host name, no cross-site form posts.
            using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/world") { Headers = { Host = "attacker.example" } };
            Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(rebound)).StatusCode);
            using var form = new StringContent("""{"type":2}""", System.Text.Encoding.UTF8, "text/plain");
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await http.PostAsync(new Uri("/api/interactions", UriKind.Relative), form)).StatusCode);

            var world = await WaitForReadyAsync(http).WaitAsync(StartBudget - started.Elapsed);
            Assert.Equal(["question", "daily", "streak", "leaderboard", "review", "stats", "mock", "mydata", "help", "about"], world["commands"]!.AsArray().Select(c => (string)c!["name"]!));
            Assert.True(File.Exists(Path.Combine(_folder, "data", "sandbox.db")), "the sandbox keeps its own LiteDB file under ./data/");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_busy_port_is_one_line_and_leaves_the_running_sandboxs_database_alone()
    {
        using var running = new TcpListener(IPAddress.Loopback, 0);
        running.Start();
        var port = ((IPEndPoint)running.LocalEndpoint).Port;
        var database = Path.Combine(_folder, "data", "sandbox.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        await File.WriteAllTextAsync(database, "the running sandbox's data");

        var (code, output, errors) = await RunToExitAsync("--port", port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(2, code);
        Assert.Equal([$"port {port} is in use — try --port 0"], errors);
        Assert.Empty(output);
        Assert.Equal("the running sandbox's data", await File.ReadAllTextAsync(database));
    }

    [Fact]
    public async Task A_broken_question_bank_prints_its_problems_and_no_stack_trace()
    {
        var questions = Directory.CreateDirectory(Path.Combine(_folder, "questions-broken")).FullName;
        await File.WriteAllTextAsync(Path.Combine(questions, "pack.yaml"), "questions:\n  - id: A1\n    category: technical\n    topics: [llm, serving\n    source: original\n");

        var (code, output, errors) = await RunToExitAsync("--port", "0", "--Questions:Path", questions);

        Assert.Equal(3, code);
        Assert.Equal([$"The question bank in '{questions}' has 1 problem(s):", "pack.yaml:4: YAML syntax: this '[' is never closed"], errors);
        // Before, the host also logged the failed start with its stack trace.
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("70000")]
    [InlineData("-1")]
    [InlineData(null)]
    public async Task A_bad_port_value_is_refused_with_one_line(string? port)
    {
        string[] args = port is null ? ["--port"] : ["--port", port];

        var e = await Assert.ThrowsAsync<SandboxStartException>(() => SandboxApp.StartAsync(args));

        Assert.Equal(2, e.ExitCode);
        Assert.Equal($"--port must be a number from 0 to 65535 (0 picks a free port), not '{port}'", e.Message);
    }

    private async Task<(int Code, string Output, string[] Errors)> RunToExitAsync(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", [typeof(SandboxApp).Assembly.Location, .. args])
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(StartBudget);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, await output, (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<Uri> ReadUrlAsync(Process process)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (ReadyLine().Match(line) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value);
            }
        }
        await process.WaitForExitAsync();
        throw new InvalidOperationException($"The sandbox exited ({process.ExitCode}) without printing its URL: {await process.StandardError.ReadToEndAsync()}");
    }

    // READY is when the bot has identified on the emulator's gateway and registered its commands.
    private static async Task<JsonNode> WaitForReadyAsync(HttpClient http)
    {
        while (true)
        {
            var world = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/world", UriKind.Relative)))!;
            if ((bool)world["ready"]! && world["commands"]!.AsArray().Count > 0)
            {
                return world;
            }
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"Sandbox ready: open (http://\S+) in a browser")]
    private static partial Regex ReadyLine();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
