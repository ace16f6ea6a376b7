using Microsoft.Extensions.Options;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Hosting;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Commands;

/// <summary>
/// On every READY, replaces the registered commands with exactly the ones this build handles (bulk overwrite):
/// to the development guild when one is configured (instant), globally otherwise.
/// </summary>
public sealed class CommandRegistrar(
    IEnumerable<ISlashCommand> commands,
    IDiscordRestClient rest,
    IOptions<CommandRegistrationOptions> options,
    ILogger<CommandRegistrar> logger) : IGatewayEventHandler
{
    public async Task OnReadyAsync(ReadyEvent ready, CancellationToken ct)
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
        }
    }
}

/// <summary>Where commands are registered (from the <c>Discord</c> section).</summary>
public sealed class CommandRegistrationOptions
{
    /// <summary>Register to this guild only (updates instantly, for development); unset = globally.</summary>
    public ulong? DevGuildId { get; set; }
}
