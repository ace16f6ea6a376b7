using Microsoft.Extensions.Options;
using MlePrep.Bot.Interactions.Http;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;
using MlePrep.Discord;

namespace MlePrep.Bot;

/// <summary>The bot's host, as <c>Program</c> runs it and as the end-to-end tests start it.</summary>
public static class BotHost
{
    /// <summary>The exit code of a stop that nobody asked for (a crashed service), as opposed to Ctrl+C or SIGTERM (0).</summary>
    public const int UnexpectedStopExitCode = 1;

    // time: the clock of the whole bot; null = the system clock. settings: configuration over every other source, known
    // before the services are chosen (Interactions:Mode decides between the gateway and the HTTP endpoint).
    public static HostApplicationBuilder CreateBuilder(string[] args, TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        var discord = builder.Configuration.GetSection(DiscordOptions.SectionName);
        // Discord delivers interactions either over the gateway or to the HTTP endpoint, never both: Http mode opens no connection.
        if (InteractionsOptions.IsHttp(builder.Configuration))
        {
            builder.Services.AddDiscordRestClient(discord);
        }
        else
        {
            builder.Services.AddDiscordClient(discord);
        }
        builder.Services.AddBot(builder.Configuration, time);
        return builder;
    }

    /// <summary>
    /// Validates the settings and loads the question bank before the host starts, so each mistake is reported on
    /// <paramref name="errors"/> in plain lines, not as a start-up stack trace, and a bad setting does not hide a
    /// broken pack. Returns 0, or the exit code: 2 for the settings (also when the pack is broken too), 3 for the pack.
    /// </summary>
    public static int CheckBeforeStart(IServiceProvider services, TextWriter errors) => Check(services, errors, openStorage: false);

    /// <summary>
    /// <see cref="CheckBeforeStart"/>, then opens the storage when the settings are valid: the database opens while the
    /// question bank is still loading on another thread (the two longest steps before the start, side by side). A
    /// database that cannot be opened is reported only when the settings and the pack are fine, with exit code
    /// <see cref="DatabaseOpenException.ExitCode"/>.
    /// </summary>
    public static int CheckAndOpenStorage(IServiceProvider services, TextWriter errors) => Check(services, errors, openStorage: true);

    private static int Check(IServiceProvider services, TextWriter errors, bool openStorage)
    {
        var bank = Task.Run(() =>
        {
            try
            {
                services.GetRequiredService<QuestionBank>();
                return null;
            }
            catch (QuestionBankException e)
            {
                return e.Message;
            }
        });
        var code = CheckSettings(services, errors);
        string? database = null;
        if (openStorage && code == 0)
        {
            try
            {
                services.OpenStorage();
            }
            catch (DatabaseOpenException e)
            {
                database = e.Message;
            }
        }
        if (bank.GetAwaiter().GetResult() is { } broken)
        {
            errors.WriteLine(broken);
            code = code == 0 ? 3 : code;
        }
        if (code == 0 && database is not null)
        {
            errors.WriteLine(database);
            code = DatabaseOpenException.ExitCode;
        }
        return code;
    }

    private static int CheckSettings(IServiceProvider services, TextWriter errors)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return 0;
        }
        catch (Exception e) when (e is OptionsValidationException or AggregateException)
        {
            // Several sections that fail come as an AggregateException of one OptionsValidationException each.
            var failures = e is AggregateException all ? all.InnerExceptions.OfType<OptionsValidationException>() : [(OptionsValidationException)e];
            foreach (var failure in failures.SelectMany(f => f.Failures))
            {
                errors.WriteLine($"Configuration error: {failure}");
            }
            return 2;
        }
        catch (InvalidOperationException e)
        {
            // The binder's "Failed to convert configuration value 'abc' at 'Discord:Intents' to type 'System.Int32'."
            errors.WriteLine($"Configuration error: {e.Message}");
            return 2;
        }
    }

    /// <summary>
    /// Waits until the started <paramref name="host"/> stops and returns the process exit code: the one a service set
    /// (<see cref="Environment.ExitCode"/>, e.g. a fatal gateway close), else <see cref="UnexpectedStopExitCode"/> when a
    /// background service failed — the host stops then, but would exit 0 and a restart-on-failure policy would never
    /// restart it — else 0.
    /// </summary>
    public static async Task<int> WaitForExitCodeAsync(IHost host)
    {
        var services = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToArray();
        BackgroundService? crashed = null;
        // A requested stop cancels the services after it begins, so a service already ended by an exception (or by a
        // cancellation nobody asked for) when the stop begins is what stopped the host.
        using (host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(
            () => crashed ??= services.FirstOrDefault(s => s.ExecuteTask is { IsFaulted: true } or { IsCanceled: true })))
        {
            await host.WaitForShutdownAsync();
        }
        crashed ??= services.FirstOrDefault(s => s.ExecuteTask is { IsFaulted: true });
        if (Environment.ExitCode != 0 || crashed is null)
        {
            return Environment.ExitCode;
        }
        Log.ServiceCrashed(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MlePrep.Bot"), crashed.GetType().Name, UnexpectedStopExitCode);
        return UnexpectedStopExitCode;
    }
}
