using Microsoft.Extensions.Options;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Hosting;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Interactions;

/// <summary>
/// On the first READY of the process (any shard's; again on a later one only if it failed), replaces the registered
/// commands with exactly the ones this build handles (bulk overwrite): to the development guild when one is configured
/// (instant), globally otherwise. Then, on each shard's READY, it clears this application's commands from every other
/// guild that READY lists, once per guild and process: copies left there by an earlier <c>Discord:DevGuildId</c> would
/// otherwise show members every command twice after a switch to global registration.
/// </summary>
public sealed class CommandRegistrar(
    IEnumerable<ISlashCommand> commands,
    IDiscordRestClient rest,
    IOptions<CommandRegistrationOptions> options,
    GuildCommandSweep sweep,
    ILogger<CommandRegistrar> logger) : IGatewayEventHandler
{
    public async Task OnReadyAsync(ReadyEvent ready, CancellationToken ct)
    {
        // Commands belong to the application, not to a connection: one overwrite covers every shard.
        if (sweep.ClaimRegistration())
        {
            await RegisterAsync(ready, ct);
        }
        await ClearOtherGuildsAsync(ready, ct);
    }

    private async Task RegisterAsync(ReadyEvent ready, CancellationToken ct)
    {
        var definitions = commands.Select(c => c.Definition).ToArray();
        try
        {
            if (options.Value.DevGuildId is { } guildId)
            {
                await rest.OverwriteGuildCommandsAsync(ready.Application.Id, guildId, definitions, ct);
                Log.CommandsRegistered(logger, definitions.Length, $"in guild {guildId}");
            }
            else
            {
                await rest.OverwriteGlobalCommandsAsync(ready.Application.Id, definitions, ct);
                Log.CommandsRegistered(logger, definitions.Length, "globally");
            }
        }
        catch (DiscordApiException e)
        {
            Log.CommandRegistrationFailed(logger, e);
            sweep.ReleaseRegistration();
        }
    }

    private async Task ClearOtherGuildsAsync(ReadyEvent ready, CancellationToken ct)
    {
        foreach (var guild in ready.Guilds)
        {
            if (guild.Id == options.Value.DevGuildId || !sweep.Claim(guild.Id))
            {
                continue;
            }
            try
            {
                var stale = await rest.GetGuildCommandsAsync(ready.Application.Id, guild.Id, ct);
                if (stale.Count > 0)
                {
                    await rest.OverwriteGuildCommandsAsync(ready.Application.Id, guild.Id, [], ct);
                    Log.StaleGuildCommandsCleared(logger, stale.Count, guild.Id);
                }
            }
            catch (DiscordApiException e)
            {
                // E.g. 50001 in a guild that invited the bot without the applications.commands scope: nothing of ours is there.
                Log.StaleGuildCommandsUnchecked(logger, guild.Id, e.Code, e.DiscordMessage);
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
