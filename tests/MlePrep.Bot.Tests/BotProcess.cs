using System.Diagnostics;

namespace MlePrep.Bot.Tests;

/// <summary>The real bot in its own process, as an operator starts it (<c>dotnet MlePrep.Bot.dll …</c>).</summary>
internal static class BotProcess
{
    /// <summary>
    /// The bot's own build output (…/src/MlePrep.Bot/bin/{configuration}/{tfm}/): the copy next to these tests resolves
    /// with their dependencies, ASP.NET Core for the emulator among them, which the bot alone does not run on.
    /// </summary>
    public static string Assembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var repository = output;
        while (!File.Exists(Path.Combine(repository.FullName, "MlePrep.Bot.sln")))
        {
            repository = repository.Parent ?? throw new InvalidOperationException("MlePrep.Bot.sln not found above the test output");
        }
        return Path.Combine(repository.FullName, "src", "MlePrep.Bot", "bin", output.Parent!.Name, output.Name, "MlePrep.Bot.dll");
    }

    /// <summary>Runs the bot to its exit; <paramref name="environment"/> sets (or, with null, removes) variables.</summary>
    public static async Task<(int Code, string[] Errors)> RunAsync(
        string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Assembly(), .. args])
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
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        // A bot that did start would run until stopped: the timeout turns that into a failure, not a hung run.
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
