using System.Collections.Concurrent;
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

/// <summary>One bot process; its output is kept for the test log.</summary>
internal sealed class RunningBot
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private RunningBot(int index, Process process)
    {
        Index = index;
        _process = process;
    }

    public int Index { get; }

    public bool HasExited => _process.HasExited;

    public static RunningBot Start(int index, string folder, IReadOnlyDictionary<string, string?> environment)
    {
        var process = new Process { StartInfo = BotProcess.StartInfo(folder, [], environment) };
        var bot = new RunningBot(index, process);
        process.OutputDataReceived += (_, e) => bot.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>SIGKILL: no shutdown, in-flight posts left as they are.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public string Tail() => string.Join('\n', _lines.TakeLast(40));

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
