using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using MlePrep.Bot.Emulated;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Browser;
using Quartz;

namespace MlePrep.Bot.Sandbox;

/// <summary>
/// The sandbox: the real bot host against the Discord emulator on loopback, and a page on 127.0.0.1 that lets a person
/// use it like a Discord channel. Nothing leaves the machine.
/// </summary>
public sealed class SandboxApp : IAsyncDisposable
{
    private readonly SandboxClock _clock;
    private readonly EmulatedBot _bot;
    private readonly WebApplication _web;
    private readonly ILogger _logger;

    private SandboxApp(SandboxClock clock, EmulatedBot bot, WebApplication web, Uri url)
    {
        _clock = clock;
        _bot = bot;
        _web = web;
        Url = url;
        _logger = bot.Service<ILoggerFactory>().CreateLogger("MlePrep.Bot.Sandbox");
    }

    public IHost Bot => _bot.Host;

    /// <summary>The page: http://127.0.0.1:{port}/</summary>
    public Uri Url { get; }

    /// <summary>Runs until Ctrl+C; the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        SandboxApp sandbox;
        try
        {
            sandbox = await StartAsync(args);
        }
        catch (SandboxStartException e)
        {
            Console.Error.WriteLine(e.Message);
            return e.ExitCode;
        }
        catch (TimeoutException e)
        {
            // The bot started but never became READY on the emulator: nothing else says so.
            Console.Error.WriteLine(e.Message);
            return BotHost.UnexpectedStopExitCode;
        }
        catch (Exception)
        {
            // The bot's host has logged what failed to start.
            return BotHost.UnexpectedStopExitCode;
        }
        await using (sandbox)
        {
            Log.SandboxReady(sandbox._logger, sandbox.Url);
            return await BotHost.WaitForExitCodeAsync(sandbox.Bot);
        }
    }

    /// <summary>
    /// Starts the clock, the emulator, the page and the bot, and returns once the bot is READY with its commands
    /// registered; <paramref name="args"/> are the bot's settings, plus <c>--port</c>. The page's port is taken before the
    /// sandbox's database is emptied, so a second sandbox on a busy port leaves the running one's data alone.
    /// </summary>
    /// <exception cref="SandboxStartException">A bad port or setting, a busy port, or a broken question bank.</exception>
    public static async Task<SandboxApp> StartAsync(string[] args, CancellationToken ct = default)
    {
        args = BotArguments(args);
        var clock = new SandboxClock(TimeProvider.System.GetUtcNow());
        DiscordEmulator? emulator = null;
        EmulatedBot? bot = null;
        WebApplication? web = null;
        try
        {
            var builder = BotHost.CreateBuilder(args, clock.Time);
            var options = SandboxOptions.Read(builder.Configuration);
            emulator = await DiscordEmulator.StartAsync(new EmulatorOptions
            {
                // A fresh token per run: the emulator accepts only this one, so nothing else can drive the bot.
                BotToken = "sandbox." + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)),
                // Message timestamps and snowflakes follow the simulated clock, like the bot's own view of time.
                TimeProvider = clock.Time,
            }, ct);
            var world = SandboxWorld.Create(emulator);
            bot = EmulatedBot.Build(builder, emulator, world.GuildId, new EmulatedBotOptions { DatabasePath = options.DatabasePath, OwnsEmulator = true });
            using (var errors = new StringWriter())
            {
                if (BotHost.CheckBeforeStart(bot.Host.Services, errors) is var invalid and not 0)
                {
                    throw new SandboxStartException(errors.ToString().TrimEnd(), invalid);
                }
            }

            web = BuildPage(emulator, world, clock, bot.Host, options.Port);
            await ListenAsync(web, options.Port, ct);
            // The emulated server is new every run, so its data starts empty too.
            EmulatedBot.DeleteDatabase(options.DatabasePath);
            await bot.StartAsync(ct);
            var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new SandboxApp(clock, bot, web, new Uri(address + "/"));
        }
        catch
        {
            if (web is not null)
            {
                await web.DisposeAsync();
            }
            // The bot, once built, disposes the emulator with itself.
            if (bot is not null)
            {
                await bot.DisposeAsync();
            }
            else if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }
            await clock.DisposeAsync();
            throw;
        }
    }

    private static async Task ListenAsync(WebApplication web, int port, CancellationToken ct)
    {
        try
        {
            await web.StartAsync(ct);
        }
        catch (IOException e)
        {
            throw new SandboxStartException(
                e.InnerException is AddressInUseException
                    ? $"port {port} is in use — try --port 0"
                    : $"cannot listen on 127.0.0.1:{port} ({(e.InnerException ?? e).Message}) — try --port 0",
                SandboxStartException.Configuration);
        }
    }

    // "--port 5080" is short for "--Sandbox:Port=5080".
    private static string[] BotArguments(string[] args)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--port")
            {
                // A trailing "--port" becomes an empty value, which SandboxOptions refuses, rather than the default port.
                result.Add($"--{SandboxOptions.SectionName}:Port={(i + 1 < args.Length ? args[++i] : "")}");
                continue;
            }
            result.Add(args[i]);
        }
        return [.. result];
    }

    private static WebApplication BuildPage(DiscordEmulator emulator, BrowserWorld world, SandboxClock clock, IHost bot, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Loopback only: the page drives a bot with no authentication.
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        var web = builder.Build();
        web.Use(async (http, next) =>
        {
            // Other sites open in the same browser must not drive the bot: a rebound DNS name fails the host check, and a
            // cross-site form cannot send JSON without a CORS preflight, which is never answered.
            if (http.Request.Host.Host is not ("127.0.0.1" or "localhost"))
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            if (HttpMethods.IsPost(http.Request.Method) && !http.Request.HasJsonContentType())
            {
                http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                return;
            }
            // Defence in depth for a page that renders bot text: no inline script, nothing from elsewhere.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            await next(http);
        });
        web.MapDiscordBrowserApi(emulator, world);
        var controls = new SandboxClockControls(clock, bot.Services.GetRequiredService<ISchedulerFactory>(),
            bot.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MlePrep.Bot.Sandbox"));
        web.MapGet("/api/clock", (CancellationToken ct) => controls.StateAsync(ct));
        web.MapPost("/api/clock/next-daily", (CancellationToken ct) => controls.NextDailyPostAsync(ct));
        web.MapPost("/api/clock/step", (CancellationToken ct) => controls.StepAsync(ct));
        web.MapGet("/", (HttpContext http) => SandboxPage.ServeAsync(http, "index.html"));
        web.MapGet("/{file}", (HttpContext http, string file) => SandboxPage.ServeAsync(http, file));
        return web;
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
        await _bot.DisposeAsync();
        await _clock.DisposeAsync();
    }
}
