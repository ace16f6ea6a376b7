using System.Collections.Concurrent;
using System.Reflection;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Gateway;
using MlePrep.Discord.Hosting;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Operations;

/// <summary>The servers this process serves: those of the last READY, less those the bot was removed from since.</summary>
public sealed class ServerCount
{
    private ConcurrentDictionary<ulong, byte> _guilds = new();

    public int Count => _guilds.Count;

    internal void Ready(IEnumerable<ulong> guildIds) => _guilds = new(guildIds.Select(id => KeyValuePair.Create(id, (byte)0)));

    internal void Removed(ulong guildId) => _guilds.TryRemove(guildId, out _);
}

internal sealed class ServerCountEvents(ServerCount servers) : IGatewayEventHandler
{
    public Task OnReadyAsync(ReadyEvent ready, CancellationToken ct)
    {
        servers.Ready(ready.Guilds.Select(g => g.Id));
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
