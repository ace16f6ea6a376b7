using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Rest;

namespace MlePrep.Bot.Emulated;

/// <summary>
/// Waits for the next bot to be READY on an emulator and to have registered its commands, whether that bot runs in this
/// process or in another: it counts the emulator's identifies and registrations from before the bot starts, so an
/// earlier run on the same emulator does not count. A bot receiving interactions over HTTP has no session to wait for.
/// </summary>
public sealed class EmulatorReadiness
{
    /// <summary>Ample for a start on a loaded machine; a bot that has not registered by then is not going to.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly DiscordEmulator _emulator;
    private readonly int _identifies;
    private readonly int _registrations;
    private readonly bool _gateway;

    private EmulatorReadiness(DiscordEmulator emulator, int identifies, int registrations, bool gateway)
    {
        _emulator = emulator;
        _identifies = identifies;
        _registrations = registrations;
        _gateway = gateway;
    }

    /// <summary>Call before the bot starts; <paramref name="gateway"/> false for a bot in Http interactions mode.</summary>
    public static EmulatorReadiness Before(DiscordEmulator emulator, bool gateway = true) =>
        new(emulator, emulator.Gateway.IdentifyCount, emulator.Rest.Requests.Count(IsCommandRegistration), gateway);

    /// <summary>Completes once a new session is READY and a new command registration has arrived.</summary>
    /// <exception cref="TimeoutException">Not within <see cref="Timeout"/>.</exception>
    public async Task WaitAsync(CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        // The emulator offers its past requests to the predicate first, in order, each once: counting skips the earlier runs'.
        var seen = 0;
        try
        {
            if (_gateway)
            {
                await _emulator.Gateway.WaitForIdentifiesAsync(_identifies + 1).WaitAsync(timeout.Token);
            }
            await _emulator.Rest.WaitForRequestAsync(r => IsCommandRegistration(r) && ++seen > _registrations, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The bot was not READY with its commands registered within {Timeout.TotalSeconds:0} s.");
        }
    }

    // Guild or global: PUT /applications/{id}[/guilds/{guild}]/commands.
    private static bool IsCommandRegistration(RecordedRequest request) =>
        request.Method == "PUT" && request.Path.EndsWith("/commands", StringComparison.Ordinal);
}
