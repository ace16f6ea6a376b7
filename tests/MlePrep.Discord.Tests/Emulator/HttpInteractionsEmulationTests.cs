using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Rest;
using Moq;
using NSec.Cryptography;

namespace MlePrep.Discord.Tests.Emulator;

/// <summary>The emulator as Discord with an Interactions Endpoint URL: signed POSTs, round-robin, the body checked as a callback.</summary>
public sealed class HttpInteractionsEmulationTests
{
    /// <summary>A stand-in bot endpoint on loopback; its answer function gets the verified body (null when the signature is bad).</summary>
    private sealed class FakeEndpoint : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FakeEndpoint(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        public Uri Url { get; }

        public static async Task<FakeEndpoint> StartAsync(string publicKeyHex, Func<string?, (int Status, string Body)> answer)
        {
            var key = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey);
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
            var app = builder.Build();
            app.MapPost("/interactions", async (HttpContext http) =>
            {
                var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
                var signed = Encoding.UTF8.GetBytes(http.Request.Headers["X-Signature-Timestamp"] + body);
                var signature = Convert.FromHexString(http.Request.Headers["X-Signature-Ed25519"].ToString());
                var (status, reply) = answer(SignatureAlgorithm.Ed25519.Verify(key, signed, signature) ? body : null);
                http.Response.StatusCode = status;
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(reply);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new FakeEndpoint(app, new Uri(address + "/interactions"));
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    /// <summary>What a correct endpoint answers to the PINGs; null otherwise.</summary>
    private static (int, string)? Ping(string? body) =>
        body is null ? (401, "") : System.Text.Json.Nodes.JsonNode.Parse(body)!["type"]!.GetValue<int>() == 1 ? (200, """{"type":1}""") : null;

    [Fact]
    public async Task An_endpoint_that_accepts_a_forged_signature_cannot_be_saved()
    {
        await using var e = await EmulatorHttp.StartAsync();
        await using var careless = await FakeEndpoint.StartAsync(e.Emulator.HttpInteractions.PublicKey, _ => (200, """{"type":1}"""));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => e.Emulator.HttpInteractions.UseEndpointsAsync([careless.Url]));

        Assert.Contains("bad signature", refused.Message);
        Assert.False(e.Emulator.HttpInteractions.Enabled);
    }

    [Fact]
    public async Task An_endpoint_that_does_not_pong_cannot_be_saved()
    {
        await using var e = await EmulatorHttp.StartAsync();
        await using var silent = await FakeEndpoint.StartAsync(e.Emulator.HttpInteractions.PublicKey, body => body is null ? (401, "") : (200, """{"type":4}"""));

        await Assert.ThrowsAsync<InvalidOperationException>(() => e.Emulator.HttpInteractions.UseEndpointsAsync([silent.Url]));
    }

    [Fact]
    public async Task Interactions_go_signed_to_the_endpoints_in_turn_instead_of_the_gateway_and_each_body_is_checked_as_a_callback()
    {
        await using var e = await EmulatorHttp.StartAsync();
        var dispatcher = new Mock<IGatewayDispatcher>();
        e.Emulator.Rest.Dispatcher = dispatcher.Object;
        // The first endpoint answers with an empty message (Discord: 50006), the second with a proper one.
        await using var first = await FakeEndpoint.StartAsync(e.Emulator.HttpInteractions.PublicKey,
            body => Ping(body) ?? (200, """{"type":4,"data":{"content":""}}"""));
        await using var second = await FakeEndpoint.StartAsync(e.Emulator.HttpInteractions.PublicKey,
            body => Ping(body) ?? (200, """{"type":4,"data":{"content":"hi"}}"""));
        await e.Emulator.HttpInteractions.UseEndpointsAsync([first.Url, second.Url]);

        var one = await e.Emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question").InGuild(e.GuildId, e.ChannelId));
        var refused = await e.Emulator.HttpInteractions.WaitForDeliveryAsync(d => d.InteractionId == one.Id).WaitAsync(TimeSpan.FromSeconds(10));
        var two = await e.Emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question").InGuild(e.GuildId, e.ChannelId));
        var accepted = await e.Emulator.HttpInteractions.WaitForDeliveryAsync(d => d.InteractionId == two.Id).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotEqual(refused.Url, accepted.Url);
        var wrong = refused.Url == first.Url ? refused : accepted;
        var right = refused.Url == first.Url ? accepted : refused;
        Assert.Contains("50006", wrong.Error);
        Assert.Null(right.Error);
        var answered = right == accepted ? two : one;
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, (await answered.Callback.WaitAsync(TimeSpan.FromSeconds(10))).Type);
        Assert.False((right == accepted ? one : two).Callback.IsCompleted);
        dispatcher.Verify(d => d.DispatchAsync(It.IsAny<string>(), It.IsAny<string>()), Times.Never);
    }

    [Fact]
    public async Task The_current_application_names_the_application_not_the_bot_user()
    {
        await using var e = await EmulatorHttp.StartAsync();

        var answer = await e.SendAsync("GET", "/applications/@me");

        Assert.Equal(200, answer.Status);
        Assert.Equal(e.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Body!["id"]!.GetValue<string>());
        Assert.Equal(e.Emulator.HttpInteractions.PublicKey, answer.Body["verify_key"]!.GetValue<string>());
    }
}
