using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using MlePrep.Bot.Interactions;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Bot.Tests.Interactions;

/// <summary>How the router finds the one handler an interaction needs, with handlers registered as the modules register theirs.</summary>
public sealed class InteractionRoutesTests : IDisposable
{
    private readonly Mock<IDiscordRestClient> _rest = new();
    private readonly List<InteractionResponse> _responses = [];
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"mleprep-{Guid.NewGuid():N}.db");

    public InteractionRoutesTests() =>
        _rest.Setup(r => r.RespondAsync(It.IsAny<ulong>(), It.IsAny<string>(), It.IsAny<InteractionResponse>(), It.IsAny<CancellationToken>()))
            .Callback<ulong, string, InteractionResponse, CancellationToken>((_, _, response, _) => _responses.Add(response))
            .Returns(Task.CompletedTask);

    public void Dispose() => File.Delete(_database);

    /// <summary>The handlers the container has built, in order.</summary>
    private sealed class Built : List<Type>;

    private sealed class First : ISlashCommand
    {
        public First(Built built) => built.Add(GetType());

        public ApplicationCommand Definition { get; } = new() { Name = "first", Description = "First" };

        public ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct) => ValueTask.FromResult(InteractionReply.Private("first ran"));
    }

    private sealed class Second : ISlashCommand
    {
        public Second(Built built) => built.Add(GetType());

        public ApplicationCommand Definition { get; } = new() { Name = "second", Description = "Second" };

        public ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct) => ValueTask.FromResult(InteractionReply.Private("second ran"));
    }

    private sealed class Hint : ComponentHandler<HintId>
    {
        public Hint(Built built) => built.Add(GetType());

        protected override ValueTask<InteractionReply> HandleAsync(InteractionContext context, HintId id, CancellationToken ct) =>
            ValueTask.FromResult(InteractionReply.Private("hint ran"));
    }

    private sealed class LaterHint : ComponentHandler<HintId>
    {
        protected override ValueTask<InteractionReply> HandleAsync(InteractionContext context, HintId id, CancellationToken ct) =>
            ValueTask.FromResult(InteractionReply.Private("later hint ran"));
    }

    private sealed class InterfaceOnly : ISlashCommand
    {
        public ApplicationCommand Definition { get; } = new() { Name = "hidden", Description = "Hidden" };

        public ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct) => ValueTask.FromResult(InteractionReply.Private("hidden ran"));
    }

    private ServiceProvider Services(Action<IServiceCollection> handlers)
    {
        var services = new ServiceCollection().AddSingleton<InteractionRoutes>();
        handlers(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>One interaction, in its own scope, as the dispatcher runs it.</summary>
    private async Task<string?> HandleAsync(IServiceProvider services, Interaction interaction)
    {
        using var scope = services.CreateScope();
        var router = new InteractionRouter(services.GetRequiredService<InteractionRoutes>(), scope.ServiceProvider, _rest.Object,
            new CallbackInitialResponse(_rest.Object), TimeProvider.System, NullLogger<InteractionRouter>.Instance);
        await router.HandleAsync(interaction, default);
        return _responses[^1].Data?.Content;
    }

    [Fact]
    public async Task After_the_first_interaction_each_builds_only_the_handler_it_needs()
    {
        var built = new Built();
        using var services = Services(s => s.AddSingleton(built).AddSlashCommand<First>().AddSlashCommand<Second>().AddComponentHandler<Hint>());

        // The first reads every handler's name once, in its own scope, and reuses what it built.
        Assert.Equal("second ran", await HandleAsync(services, TestData.Command("second")));
        Assert.Equal(new[] { typeof(First), typeof(Second), typeof(Hint) }, built);

        built.Clear();
        Assert.Equal("first ran", await HandleAsync(services, TestData.Command("first")));
        Assert.Equal(new[] { typeof(First) }, built);

        built.Clear();
        Assert.Equal("hint ran", await HandleAsync(services, TestData.Button("hint:T1:1")));
        Assert.Equal(new[] { typeof(Hint) }, built);

        built.Clear();
        Assert.Equal("This command is not offered any more; Discord will refresh the list shortly.", await HandleAsync(services, TestData.Command("gone")));
        Assert.Equal(StaleComponent.Message, await HandleAsync(services, TestData.Button("gone:Q1:1")));
        Assert.Empty(built);
    }

    [Fact]
    public async Task The_last_handler_registered_for_an_id_kind_answers_its_clicks()
    {
        using var services = Services(s => s.AddSingleton(new Built()).AddComponentHandler<Hint>().AddComponentHandler<LaterHint>());

        Assert.Equal("later hint ran", await HandleAsync(services, TestData.Button("hint:T1:1")));
    }

    [Fact]
    public async Task A_command_registered_only_under_its_interface_fails_with_how_to_register_it()
    {
        using var services = Services(s => s.AddScoped<ISlashCommand, InterfaceOnly>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => HandleAsync(services, TestData.Command("hidden")));

        Assert.Contains("AddSlashCommand<InterfaceOnly>()", error.Message);
    }

    [Fact]
    public void Every_command_and_component_the_bot_registers_is_routed_to_its_own_type()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DatabasePath"] = _database });
        builder.Services.AddSingleton(_rest.Object);
        builder.Services.AddBot(builder.Configuration);
        using var host = builder.Build();
        using var scope = host.Services.CreateScope();

        // Reading the routes fails for any handler a module registered without AddSlashCommand / AddComponentHandler.
        var routes = host.Services.GetRequiredService<InteractionRoutes>().In(scope.ServiceProvider);

        var commands = scope.ServiceProvider.GetServices<ISlashCommand>().ToList();
        Assert.Equal(10, commands.Count);
        using var another = host.Services.CreateScope();
        Assert.All(commands, command =>
            Assert.IsType(command.GetType(), routes.Command(command.Definition.Name)!.Resolve<ISlashCommand>(another.ServiceProvider)));
    }
}
