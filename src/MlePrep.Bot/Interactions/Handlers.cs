using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Interactions;

/// <summary>One slash command: its definition (registered on READY) and its behaviour.</summary>
public interface ISlashCommand
{
    ApplicationCommand Definition { get; }

    /// <summary>If the reply is slow, the router defers with this visibility (a defer fixes it).</summary>
    bool RepliesPrivately => false;

    /// <summary>The reply may be a modal, which only the first response can carry: the router never defers it.</summary>
    bool OpensModal => false;

    ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct);

    /// <summary>Suggestions for the focused option.</summary>
    ValueTask<InteractionReply> AutocompleteAsync(InteractionContext context, CancellationToken ct) =>
        ValueTask.FromResult(InteractionReply.Suggest([]));
}

/// <summary>A button (or a modal submit) whose custom id parses (<see cref="CustomIds"/>) to an <see cref="IdType"/>.</summary>
public interface IComponentHandler
{
    Type IdType { get; }

    /// <summary>If a modal submit's reply is slow, the router defers with this visibility (a click defers as an update).</summary>
    bool RepliesPrivately => true;

    /// <summary>The reply may be a modal, which only the first response can carry: the router never defers it.</summary>
    bool OpensModal => false;

    ValueTask<InteractionReply> HandleAsync(InteractionContext context, CancellationToken ct);
}

/// <summary>A component handler for one custom id type, handed the id already parsed.</summary>
public abstract class ComponentHandler<TId> : IComponentHandler
    where TId : CustomId
{
    public Type IdType => typeof(TId);

    public virtual bool RepliesPrivately => true;

    public virtual bool OpensModal => false;

    public ValueTask<InteractionReply> HandleAsync(InteractionContext context, CancellationToken ct) =>
        context.ComponentId is TId id ? HandleAsync(context, id, ct) : ValueTask.FromResult(StaleComponent.Reply());

    protected abstract ValueTask<InteractionReply> HandleAsync(InteractionContext context, TId id, CancellationToken ct);
}
