using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlePrep.Bot.Emulated;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Interactions.Http;
using MlePrep.Discord.Hosting;

namespace MlePrep.Bot.Tests.Startup;

/// <summary>The <c>Interactions</c> settings as the bot checks them before it starts (exit code 2 for a mistake).</summary>
public sealed class InteractionsSettingsTests
{
    // A valid Ed25519 public key (RFC 8032, test 1).
    private const string Key = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    private static (int Code, string Errors, IHost Host) Check(params string[] settings)
    {
        var host = BotHost.CreateBuilder(["--Discord:Token", "t", .. settings]).Build();
        var errors = new StringWriter();
        var code = BotHost.CheckBeforeStart(host.Services, errors);
        return (code, errors.ToString().Trim(), host);
    }

    [Theory]
    [InlineData("", "Configuration error: Interactions:PublicKey is not set, and Interactions:Mode is Http. Set Interactions__PublicKey")]
    [InlineData("abc", "Configuration error: Interactions:PublicKey must be the application's public key: 64 hexadecimal characters, not 3 characters.")]
    [InlineData("zz5a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "with non-hex ones")]
    public void Http_mode_without_a_usable_public_key_stops_the_start_with_exit_code_2(string key, string message)
    {
        var (code, errors, host) = Check("--Interactions:Mode", "Http", "--Interactions:PublicKey", key);
        using (host)
        {
            Assert.Equal(2, code);
            Assert.Contains(message, errors);
        }
    }

    [Theory]
    [InlineData("https://0.0.0.0:8443", "Interactions:Url must use http")]
    [InlineData("http://0.0.0.0:8080/discord", "takes no path: the endpoint is always /interactions")]
    [InlineData("http://bot.example:8080", "host must be an IP address")]
    public void An_interactions_url_kestrel_cannot_serve_as_the_endpoint_stops_the_start_with_exit_code_2(string url, string message)
    {
        var (code, errors, host) = Check("--Interactions:Mode", "Http", "--Interactions:PublicKey", Key, "--Interactions:Url", url);
        using (host)
        {
            Assert.Equal(2, code);
            Assert.Contains(message, errors);
        }
    }

    [Fact]
    public void An_unknown_mode_stops_the_start_with_exit_code_2()
    {
        var (code, errors, host) = Check("--Interactions:Mode", "Webhook");
        using (host)
        {
            Assert.Equal(2, code);
            Assert.Contains("'Webhook' at 'Interactions:Mode'", errors);
        }
    }

    [Fact]
    public void Http_mode_has_the_endpoint_and_no_gateway_connection_and_gateway_mode_the_reverse()
    {
        // Resolving the hosted services opens each host's database.
        var httpDatabase = EmulatedBot.NewDatabasePath();
        var gatewayDatabase = EmulatedBot.NewDatabasePath();
        var (httpCode, _, http) = Check("--Interactions:Mode", "http", "--Interactions:PublicKey", Key.ToUpperInvariant(), "--Storage:DatabasePath", httpDatabase);
        var (gatewayCode, _, gateway) = Check("--Storage:DatabasePath", gatewayDatabase);
        using var deleteDatabases = new Cleanup(() =>
        {
            EmulatedBot.DeleteDatabase(httpDatabase);
            EmulatedBot.DeleteDatabase(gatewayDatabase);
        });
        using (http)
        using (gateway)
        {
            Assert.Equal((0, 0), (httpCode, gatewayCode));
            Assert.Equal([nameof(HttpInteractionsServer), nameof(HttpCommandRegistration)], HostedServices(http).Where(n => n.StartsWith("Http", StringComparison.Ordinal)));
            Assert.DoesNotContain("GatewayHostedService", HostedServices(http));
            Assert.IsType<HttpInitialResponse>(http.Services.CreateScope().ServiceProvider.GetRequiredService<IInitialResponse>());

            Assert.Contains("GatewayHostedService", HostedServices(gateway));
            Assert.DoesNotContain(HostedServices(gateway), n => n.StartsWith("Http", StringComparison.Ordinal));
            Assert.IsType<CallbackInitialResponse>(gateway.Services.CreateScope().ServiceProvider.GetRequiredService<IInitialResponse>());
            Assert.NotNull(gateway.Services.CreateScope().ServiceProvider.GetRequiredService<IInteractionHandler>());
        }
    }

    private sealed class Cleanup(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    private static IEnumerable<string> HostedServices(IHost host) => host.Services.GetServices<IHostedService>().Select(s => s.GetType().Name);
}
