using System.Diagnostics;
using MlePrep.Bot.Emulated;
using MlePrep.Discord.Emulator;

namespace MlePrep.Bench;

/// <summary>The bot in a child process; killed (its own process tree only) on dispose.</summary>
internal sealed class BotProcess(Process process, TimeSpan startToReady) : IAsyncDisposable
{
    public TimeSpan StartToReady { get; } = startToReady;

    /// <summary>Starts the bot (<paramref name="assembly"/>, or the build next to the bench; with <paramref name="environment"/> added) and waits for READY.</summary>
    public static async Task<BotProcess> StartAsync(DiscordEmulator emulator, ulong guildId, string databasePath, string? assembly = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(assembly ?? BotRepository.BotAssembly());
        foreach (var (key, value) in EmulatedBot.Settings(emulator, guildId, databasePath, new EmulatedBotOptions { Quiet = true }))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var readiness = EmulatorReadiness.Before(emulator);
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(start)!;
        // Drain the pipes so a chatty child can never block on a full buffer; warnings and errors are shown as they come.
        process.OutputDataReceived += (_, e) => Echo(e.Data);
        process.ErrorDataReceived += (_, e) => Echo(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await readiness.WaitAsync();
        return new BotProcess(process, Stopwatch.GetElapsedTime(started));
    }

    private static void Echo(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            Console.WriteLine($"    [bot] {line}");
        }
    }

    /// <summary>CPU time the bot process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    public long WorkingSet()
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
