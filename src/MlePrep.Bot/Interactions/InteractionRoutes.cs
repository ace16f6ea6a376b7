namespace MlePrep.Bot.Interactions;

/// <summary>
/// Which registered type handles each command name and custom-id kind, read once from the registered handlers, so an
/// interaction's scope builds only the handler it needs instead of every command and component with their whole
/// dependency graphs. Handlers are registered with <see cref="InteractionsServiceCollectionExtensions.AddSlashCommand{T}"/>
/// and <see cref="InteractionsServiceCollectionExtensions.AddComponentHandler{T}"/>, which make each resolvable by its type.
/// </summary>
public sealed class InteractionRoutes
{
    private readonly Lock _lock = new();
    private Table? _table;

    /// <summary>The routes, read from the handlers <paramref name="scope"/> resolves the first time (that scope builds them all, once).</summary>
    public Table In(IServiceProvider scope) => Volatile.Read(ref _table) ?? Read(scope);

    private Table Read(IServiceProvider scope)
    {
        lock (_lock)
        {
            if (_table is { } table)
            {
                return table;
            }
            var registered = scope.GetRequiredService<IServiceProviderIsService>();
            var commands = new Dictionary<string, Route>(StringComparer.Ordinal);
            foreach (var command in scope.GetServices<ISlashCommand>())
            {
                // The first command of a name wins, as the router's lookup always did.
                commands.TryAdd(command.Definition.Name, Check(command, registered, "AddSlashCommand", command.RepliesPrivately, command.OpensModal));
            }
            var components = new Dictionary<Type, Route>();
            foreach (var component in scope.GetServices<IComponentHandler>())
            {
                // The last registration for an id type wins, as with any service the container resolves singly.
                components[component.IdType] = Check(component, registered, "AddComponentHandler", component.RepliesPrivately, component.OpensModal);
            }
            table = new Table(commands, components);
            Volatile.Write(ref _table, table);
            return table;
        }
    }

    private static Route Check(object handler, IServiceProviderIsService registered, string register, bool repliesPrivately, bool opensModal)
    {
        var type = handler.GetType();
        // Resolving by type is what keeps the other handlers unbuilt; a handler registered only under its interface
        // cannot be reached that way: say how to register it rather than tell its members it is not offered any more.
        return registered.IsService(type)
            ? new Route(type, repliesPrivately, opensModal)
            : throw new InvalidOperationException($"{type.Name} is registered only under its interface: register it with {register}<{type.Name}>().");
    }

    /// <summary>Command names and custom-id kinds to the handler of each.</summary>
    public sealed class Table(IReadOnlyDictionary<string, Route> commands, IReadOnlyDictionary<Type, Route> components)
    {
        public Route? Command(string? name) => name is not null && commands.TryGetValue(name, out var route) ? route : null;

        public Route? Component(CustomId id) => components.GetValueOrDefault(id.GetType());
    }
}

/// <summary>A handler's type (resolved from the interaction's scope when needed) and how the router answers for it.</summary>
public sealed record Route(Type Type, bool RepliesPrivately, bool OpensModal)
{
    public T Resolve<T>(IServiceProvider scope) where T : notnull => (T)scope.GetRequiredService(Type);
}
