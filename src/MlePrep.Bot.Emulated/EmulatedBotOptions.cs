using Microsoft.Extensions.DependencyInjection;

namespace MlePrep.Bot.Emulated;

/// <summary>What a bot started against the emulator runs with, beyond the emulator's own settings.</summary>
public sealed record EmulatedBotOptions
{
    /// <summary>The bot's LiteDB file; null = a new temporary file, deleted when the bot is disposed.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>Settings (configuration keys) over the emulator's, e.g. <c>Discord:DevGuildId</c> = "" for global registration.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Extra services, e.g. a test's own interaction handlers.</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>Log warnings and errors only: console output would blur a benchmark's latency and bury a test's output.</summary>
    public bool Quiet { get; init; }

    /// <summary>Dispose the emulator with the bot (one bot per emulator).</summary>
    public bool OwnsEmulator { get; init; }
}
