using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using MlePrep.Discord.Hosting;

namespace MlePrep.Bot.Interactions.Http;

/// <summary>
/// Kestrel on <see cref="InteractionsOptions.Url"/> with the one endpoint, for the lifetime of the bot's host. On stop
/// it finishes the requests in progress, then lets the interactions already answered send their edits and follow-ups.
/// Ready for the bot's health while it listens.
/// </summary>
public sealed class HttpInteractionsServer(
    IOptions<InteractionsOptions> options,
    HttpInteractionsEndpoint endpoint,
    HttpInteractionRunner runner,
    ILogger<HttpInteractionsServer> logger) : IHostedService, IInteractionsReadiness, IAsyncDisposable
{
    private WebApplication? _app;

    private bool _listening;

    public string Source => "http endpoint";

    public bool IsReady => Volatile.Read(ref _listening);

    /// <summary>Where the endpoint answers once started (a wildcard host becomes 127.0.0.1; port 0 becomes the one chosen).</summary>
    public Uri? EndpointUrl { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var url = options.Value.Url;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // The bot's own loggers report what matters; Kestrel's request lines would only repeat it.
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (url.IsLoopback && url.HostNameType == UriHostNameType.Dns)
            {
                kestrel.ListenLocalhost(url.Port);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(url.Host.Trim('[', ']')), url.Port);
            }
        });
        var app = builder.Build();
        app.MapPost(InteractionsOptions.EndpointPath, endpoint.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            Log.HttpInteractionsListenFailed(logger, url.ToString(), e.Message);
            await app.DisposeAsync();
            throw;
        }
        _app = app;
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var host = address.Host is "0.0.0.0" or "[::]" ? "127.0.0.1" : address.Host;
        EndpointUrl = new UriBuilder(address) { Host = host, Path = InteractionsOptions.EndpointPath }.Uri;
        Log.HttpInteractionsListening(logger, address.ToString().TrimEnd('/'), InteractionsOptions.EndpointPath);
        Volatile.Write(ref _listening, true);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _listening, false);
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken);
        }
        await runner.DrainAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.DisposeAsync();
        }
    }
}
