using MlePrep.Discord.Emulator;

namespace MlePrep.Bot.Tests.Startup;

/// <summary>The bot in Http interactions mode as an operator starts it, in its own process.</summary>
[Trait("Category", "Process")]
public sealed class HttpModeProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-http-").FullName;

    [Fact]
    public async Task A_refused_token_stops_the_bot_with_exit_code_1_and_it_never_opens_a_gateway_connection()
    {
        await using var emulator = await DiscordEmulator.StartAsync();

        var (code, _) = await BotProcess.RunAsync(_folder, ["--Storage:DatabasePath", Path.Combine(_folder, "bot.db")], new Dictionary<string, string?>
        {
            ["Discord__Token"] = "not-the-token",
            ["Discord__ApiBaseUrl"] = emulator.ApiBaseUrl.ToString(),
            ["Interactions__Mode"] = "Http",
            ["Interactions__PublicKey"] = emulator.HttpInteractions.PublicKey,
            ["Interactions__Url"] = "http://127.0.0.1:0",
        });

        Assert.Equal(1, code);
        Assert.Contains(emulator.Rest.Requests, r => r.Path == "/applications/@me" && r.Status == 401);
        Assert.Equal(0, emulator.Gateway.IdentifyCount);
        Assert.Empty(emulator.Gateway.ConnectedUrls);
        Assert.DoesNotContain(emulator.Rest.Requests, r => r.Path.StartsWith("/gateway", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
