using System.Diagnostics;
using MlePrep.Bot.Emulated;

namespace MlePrep.Bot.Tests;

/// <summary>The real bot in its own process, as an operator starts it (<c>dotnet MlePrep.Bot.dll …</c>).</summary>
internal static class BotProcess
{
    /// <summary>Runs the bot to its exit; <paramref name="environment"/> sets (or, with null, removes) variables.</summary>
    public static async Task<(int Code, string[] Errors)> RunAsync(
        string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args, environment))!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        // A bot that did start would run until stopped: the timeout turns that into a failure, not a hung run.
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>How the bot is started: <c>dotnet MlePrep.Bot.dll</c> in production settings, output redirected.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet", [BotRepository.BotAssembly(), .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        return start;
    }
}
