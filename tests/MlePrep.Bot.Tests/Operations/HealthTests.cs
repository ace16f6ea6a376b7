using System.Text.Json;
using MlePrep.Bot.Operations;

namespace MlePrep.Bot.Tests.Operations;

/// <summary>What <c>health</c> (the image's HEALTHCHECK) exits with for a status file.</summary>
public sealed class HealthTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 18, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-health-").FullName;

    private string StatusFile => Path.Combine(_folder, "bot.db.health");

    private void Write(HealthReport report) =>
        File.WriteAllBytes(StatusFile, JsonSerializer.SerializeToUtf8Bytes(report, HealthJsonContext.Default.HealthReport));

    private static HealthPart[] Parts(bool gateway = true) =>
        [new("interactions", gateway, "x"), new("database", true, "writable"), new("scheduler", true, "running"), new("question bank", true, "9 questions")];

    [Fact]
    public void A_fresh_ready_status_is_healthy_and_lists_its_parts()
    {
        Write(new HealthReport(Now.AddSeconds(-5), Ready: true, Stopping: false, Parts()));
        var output = new StringWriter();

        Assert.Equal(0, HealthStatus.Check(StatusFile, Now, output));
        Assert.StartsWith("ready", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("ok   question bank: 9 questions", output.ToString());
    }

    [Fact]
    public void A_stale_status_is_unhealthy_however_ready_it_says_it_was()
    {
        Write(new HealthReport(Now - HealthStatus.StaleAfter - TimeSpan.FromSeconds(1), Ready: true, Stopping: false, Parts()));
        var output = new StringWriter();

        Assert.Equal(1, HealthStatus.Check(StatusFile, Now, output));
        Assert.Contains("31 s old", output.ToString());
    }

    [Fact]
    public void A_part_that_fails_or_a_stopping_bot_is_unhealthy_and_no_file_at_all_says_the_bot_is_not_running()
    {
        Write(new HealthReport(Now, Ready: false, Stopping: false, Parts(gateway: false)));
        Assert.Equal(1, HealthStatus.Check(StatusFile, Now, new StringWriter()));

        Write(new HealthReport(Now, Ready: false, Stopping: true, Parts()));
        var stopping = new StringWriter();
        Assert.Equal(1, HealthStatus.Check(StatusFile, Now, stopping));
        Assert.StartsWith("stopping", stopping.ToString(), StringComparison.Ordinal);

        File.Delete(StatusFile);
        var missing = new StringWriter();
        Assert.Equal(1, HealthStatus.Check(StatusFile, Now, missing));
        Assert.Contains("the bot is not running", missing.ToString());
    }

    [Fact]
    public void The_token_check_names_what_is_wrong_without_echoing_the_token()
    {
        const string shaped = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB";

        Assert.Null(OperationsCli.TokenShape(shaped));
        Assert.Contains("not set", OperationsCli.TokenShape(""));
        Assert.Contains("\"Bot \"", OperationsCli.TokenShape("Bot " + shaped));
        var wrong = OperationsCli.TokenShape("not-a-token-at-all");
        Assert.Contains("three base64url parts", wrong);
        Assert.DoesNotContain("not-a-token-at-all", wrong);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
