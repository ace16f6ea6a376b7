using Microsoft.Extensions.Options;
using MlePrep.Bot.Interactions.Http;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Hosting;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Interactions;

/// <summary>
/// On the first READY of the process (any shard's; again on a later one only if it failed) replaces the registered
/// commands with exactly the ones this build handles (bulk overwrite): to the development guild when one is configured
/// (instant), globally otherwise. Then, on each shard's READY, it clears this application's commands from every other
/// guild that READY lists, once per guild and process: copies left there by an earlier <c>Discord:DevGuildId</c> would
/// otherwise show members every command twice after a switch to global registration. Without a gateway (HTTP
/// interactions) <see cref="HttpCommandRegistration"/> calls <see cref="RegisterAsync"/> at start.
/// </summary>
public sealed class CommandRegistrar(
    IEnumerable<ISlashCommand> commands,
    IDiscordRestClient rest,
    IOptions<CommandRegistrationOptions> options,
    GuildCommandSweep sweep,
    ILogger<CommandRegistrar> logger) : IGatewayEventHandler
{
    public Task OnReadyAsync(ReadyEvent ready, CancellationToken ct) => RegisterAsync(ready.Application.Id, [.. ready.Guilds.Select(g => g.Id)], ct);

    /// <summary>Registers the commands of <paramref name="applicationId"/> once per process, then clears leftovers from <paramref name="guildIds"/>.</summary>
    public async Task RegisterAsync(ulong applicationId, IReadOnlyList<ulong> guildIds, CancellationToken ct)
    {
        // Commands belong to the application, not to a connection: one overwrite covers every shard.
        if (sweep.ClaimRegistration())
        {
            await OverwriteAsync(applicationId, ct);
        }
        await ClearOtherGuildsAsync(applicationId, guildIds, ct);
    }

    private async Task OverwriteAsync(ulong applicationId, CancellationToken ct)
    {
        var definitions = commands.Select(c => c.Definition).ToArray();
        try
        {
            if (options.Value.DevGuildId is { } guildId)
            {
                await rest.OverwriteGuildCommandsAsync(applicationId, guildId, definitions, ct);
                Log.CommandsRegistered(logger, definitions.Length, $"in guild {guildId}");
            }
            else
            {
                await rest.OverwriteGlobalCommandsAsync(applicationId, definitions, ct);
                Log.CommandsRegistered(logger, definitions.Length, "globally");
            }
        }
        catch (DiscordApiException e)
        {
            Log.CommandRegistrationFailed(logger, e);
            sweep.ReleaseRegistration();
        }
    }

    private async Task ClearOtherGuildsAsync(ulong applicationId, IReadOnlyList<ulong> guildIds, CancellationToken ct)
    {
        foreach (var guildId in guildIds)
        {
            if (guildId == options.Value.DevGuildId || !sweep.Claim(guildId))
            {
                continue;
            }
            try
            {
                var stale = await rest.GetGuildCommandsAsync(applicationId, guildId, ct);
                if (stale.Count > 0)
                {
                    await rest.OverwriteGuildCommandsAsync(applicationId, guildId, [], ct);
                    Log.StaleGuildCommandsCleared(logger, stale.Count, guildId);
                }
            }
            catch (DiscordApiException e)
            {
                // E.g. 50001 in a guild that invited the bot without the applications.commands scope: nothing of ours is there.
                Log.StaleGuildCommandsUnchecked(logger, guildId, e.Code, e.DiscordMessage);
            }
        }
    }
}

/// <summary>
/// What READY handling has done in this process, across its shards: whether the commands are registered, and the
/// guilds whose leftover commands it has already looked for (each is checked once).
/// </summary>
public sealed class GuildCommandSweep
{
    private readonly HashSet<ulong> _checked = [];
    private readonly Lock _lock = new();
    private bool _registered;

    /// <summary>True when the commands are not registered yet (nor being registered): the caller registers them.</summary>
    public bool ClaimRegistration()
    {
        lock (_lock)
        {
            return !_registered && (_registered = true);
        }
    }

    /// <summary>The registration failed: the next READY tries again.</summary>
    public void ReleaseRegistration()
    {
        lock (_lock)
        {
            _registered = false;
        }
    }

    /// <summary>True the first time a guild is seen.</summary>
    public bool Claim(ulong guildId)
    {
        lock (_lock)
        {
            return _checked.Add(guildId);
        }
    }
}

/// <summary>Where commands are registered (from the <c>Discord</c> section).</summary>
public sealed class CommandRegistrationOptions
{
    /// <summary>Register to this guild only (updates instantly, for development); unset = globally.</summary>
    public ulong? DevGuildId { get; set; }
}
