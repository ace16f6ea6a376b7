using System.Reflection;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Hosting;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Operations;

/// <summary>The servers this process serves: those its shards' READYs list, plus those joined since, less those left.</summary>
public sealed class ServerCount
{
    private readonly Lock _gate = new();
    private readonly HashSet<ulong> _guilds = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _guilds.Count;
            }
        }
    }

    /// <summary>
    /// A session's READY lists all the guilds its shard carries: they replace that shard's (the others' stay, when one
    /// process runs several shards).
    /// </summary>
    internal void Ready(IEnumerable<ulong> guildIds, IReadOnlyList<int>? shard)
    {
        lock (_gate)
        {
            if (shard is [var id, var count and > 0])
            {
                // Discord's routing formula: (guild_id >> 22) % num_shards.
                _guilds.RemoveWhere(g => (int)((g >> 22) % (ulong)count) == id);
            }
            else
            {
                _guilds.Clear();
            }
            _guilds.UnionWith(guildIds);
        }
    }

    internal void Added(ulong guildId)
    {
        lock (_gate)
        {
            _guilds.Add(guildId);
        }
    }

    internal void Removed(ulong guildId)
    {
        lock (_gate)
        {
            _guilds.Remove(guildId);
        }
    }
}

internal sealed class ServerCountEvents(ServerCount servers) : IGatewayEventHandler
{
    public Task OnReadyAsync(ReadyEvent ready, CancellationToken ct)
    {
        servers.Ready(ready.Guilds.Select(g => g.Id), ready.Shard);
        return Task.CompletedTask;
    }

    public Task OnGuildAvailableAsync(ulong guildId, CancellationToken ct)
    {
        servers.Added(guildId);
        return Task.CompletedTask;
    }

    public Task OnGuildRemovedAsync(ulong guildId, CancellationToken ct)
    {
        servers.Removed(guildId);
        return Task.CompletedTask;
    }
}

/// <summary><c>/about</c>: the version, how long this process has run, the question bank's size and the server count. Private.</summary>
public sealed class AboutCommand(QuestionBank bank, ServerCount servers, ProcessStart start, TimeProvider time) : ISlashCommand
{
    internal static string Version { get; } = typeof(AboutCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        .Split('+')[0] ?? "unknown";

    public ApplicationCommand Definition { get; } = new()
    {
        Name = "about",
        Description = "The bot's version, uptime, question bank and server count",
        Contexts = [0],
        IntegrationTypes = [0],
    };

    public bool RepliesPrivately => true;

    public ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct) =>
        ValueTask.FromResult(InteractionReply.Private(new MessagePayload
        {
            Content = $"MlePrep.Bot {Version} · up {Uptime(time.GetUtcNow() - start.At)} · {bank.All.Count} questions · {servers.Count} server{(servers.Count == 1 ? "" : "s")} in this process",
        }));

    internal static string Uptime(TimeSpan up) => up.TotalDays >= 1 ? $"{(int)up.TotalDays} d {up.Hours} h"
        : up.TotalHours >= 1 ? $"{up.Hours} h {up.Minutes} min"
        : $"{up.Minutes} min";
}

/// <summary>When this process started, on the bot's clock.</summary>
public sealed record ProcessStart(DateTimeOffset At);
