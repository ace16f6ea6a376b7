using MlePrep.Bot.Operations;
using MlePrep.Discord.Emulator;

namespace MlePrep.Bot.Tests.Operations;

/// <summary><c>doctor</c>: one line per check, exit 0 only when all pass, and never the token.</summary>
public sealed class DoctorTests : IAsyncLifetime
{
    private const string Token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB";

    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-doctor-").FullName;
    private DiscordEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await DiscordEmulator.StartAsync(new EmulatorOptions { BotToken = Token });

    private async Task<(int Code, string[] Lines)> DoctorAsync(params string[] settings)
    {
        using var host = BotHost.CreateBuilder([.. settings, "--Storage:DatabasePath", Path.Combine(_folder, "bot.db")]).Build();
        var output = new StringWriter();
        var code = await OperationsCli.RunAsync(["doctor"], host.Services, errors => BotHost.CheckBeforeStart(host.Services, errors), output, TextWriter.Null);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task A_sound_setup_passes_every_check_including_discords_gateway_endpoint()
    {
        var (code, lines) = await DoctorAsync("--Discord:Token", Token, "--Discord:ApiBaseUrl", _emulator.ApiBaseUrl.ToString());

        Assert.True(code == 0, string.Join('\n', lines));
        Assert.Equal(["ok   configuration", "ok   token", "ok   database", "ok   question bank", "ok   Discord", "All checks passed."],
            lines.Select(l => l.Split(':')[0]));
        Assert.DoesNotContain(lines, l => l.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_token_fails_without_being_printed_and_discord_is_not_asked()
    {
        const string wrong = "Bot my-secret-token";

        var (code, lines) = await DoctorAsync("--Discord:Token", wrong, "--Discord:ApiBaseUrl", _emulator.ApiBaseUrl.ToString());

        Assert.Equal(1, code);
        Assert.Contains("FAIL token: starts with \"Bot \": set the token alone, the bot adds the prefix", lines);
        Assert.DoesNotContain(lines, l => l.Contains("my-secret-token", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Discord:", StringComparison.Ordinal) && l.StartsWith("ok   Discord", StringComparison.Ordinal));
        Assert.Equal("Problems found.", lines[^1]);
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
