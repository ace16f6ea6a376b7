using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlePrep.Discord.Emulator.Gateway;
using MlePrep.Discord.Emulator.Http;
using MlePrep.Discord.Emulator.Rest;

namespace MlePrep.Discord.Emulator;

/// <summary>
/// A Discord stand-in on loopback: <c>/api/v10/...</c> HTTP routes and a WebSocket gateway, with the status
/// codes, error codes, limits and rate-limit headers Discord documents. Every request is recorded.
/// </summary>
public sealed class DiscordEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DiscordEmulator(WebApplication app, EmulatorOptions options, EmulatorGateway gateway, EmulatorRest rest, EmulatorHttpInteractions http)
    {
        _app = app;
        Options = options;
        Gateway = gateway;
        Rest = rest;
        HttpInteractions = http;
    }

    /// <summary>The options it runs with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The WebSocket gateway: sessions, dispatches, and the misbehaviour switches tests use.</summary>
    public EmulatorGateway Gateway { get; }

    /// <summary>The HTTP API: guilds, channels, messages, commands, interactions, recorded requests.</summary>
    public EmulatorRest Rest { get; }

    /// <summary>Interactions POSTed to the bot's endpoint(s) instead of the gateway, once <see cref="EmulatorHttpInteractions.UseEndpointsAsync"/> saved one.</summary>
    public EmulatorHttpInteractions HttpInteractions { get; }

    /// <summary>http://127.0.0.1:{port}</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>http://127.0.0.1:{port}/api/v10 — what the client's <c>Discord:ApiBaseUrl</c> is set to.</summary>
    public Uri ApiBaseUrl => new(BaseUrl, "api/v10");

    /// <summary>Starts the emulator on 127.0.0.1.</summary>
    public static async Task<DiscordEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmulatorOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, options.Port));
        var app = builder.Build();
        app.UseWebSockets();

        var rest = new EmulatorRest(options);
        var gateway = new EmulatorGateway(options, rest);
        var http = new EmulatorHttpInteractions(options, rest);
        var emulator = new DiscordEmulator(app, options, gateway, rest, http);
        rest.Dispatcher = gateway;
        rest.Http = http;
        rest.Map(app);
        gateway.Map(app);

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        gateway.BaseUrl = emulator.BaseUrl;
        rest.BaseUrl = emulator.BaseUrl;
        return emulator;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        HttpInteractions.Dispose();
    }
}
