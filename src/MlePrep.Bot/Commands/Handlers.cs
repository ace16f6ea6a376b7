using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Commands;

/// <summary>One slash command: its definition (registered on READY) and its behaviour.</summary>
public interface ISlashCommand
{
    ApplicationCommand Definition { get; }

    /// <summary>If the reply is slow, the router defers with this visibility (a defer fixes it).</summary>
    bool RepliesPrivately => false;

    ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct);

    /// <summary>Suggestions for the focused option.</summary>
    ValueTask<InteractionReply> AutocompleteAsync(InteractionContext context, CancellationToken ct) =>
        ValueTask.FromResult(InteractionReply.Suggest([]));
}

/// <summary>A button (or a modal submit) whose custom id starts with <see cref="Prefix"/> and a colon.</summary>
public interface IComponentHandler
{
    string Prefix { get; }

    /// <summary>If the reply is slow, the router defers with this visibility.</summary>
    bool RepliesPrivately => true;

    ValueTask<InteractionReply> HandleAsync(InteractionContext context, CancellationToken ct);
}
