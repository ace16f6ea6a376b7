using MlePrep.Discord.Gateway;
using MlePrep.Discord.Interactions;

namespace MlePrep.Discord.Hosting;

/// <summary>
/// The application's entry point for interactions. Registered scoped: the dispatcher resolves it in a fresh DI
/// scope per interaction, away from the gateway's receive loop.
/// </summary>
public interface IInteractionHandler
{
    /// <summary>Handles one interaction; it must send the initial response within 3 s.</summary>
    Task HandleAsync(Interaction interaction, CancellationToken ct);
}

/// <summary>Gateway lifecycle and guild events the application may react to. Each call runs in its own DI scope.</summary>
public interface IGatewayEventHandler
{
    /// <summary>A new session is READY (not called on RESUMED).</summary>
    Task OnReadyAsync(ReadyEvent ready, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A guild became available, or the bot joined it (GUILD_CREATE).</summary>
    Task OnGuildAvailableAsync(ulong guildId, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The bot was removed from a guild (GUILD_DELETE without <c>unavailable</c>).</summary>
    Task OnGuildRemovedAsync(ulong guildId, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A channel was deleted (CHANNEL_DELETE).</summary>
    Task OnChannelDeletedAsync(ChannelDeleteEvent channel, CancellationToken ct) => Task.CompletedTask;
}
