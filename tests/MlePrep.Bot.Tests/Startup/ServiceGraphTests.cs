using Microsoft.Extensions.DependencyInjection;

namespace MlePrep.Bot.Tests.Startup;

/// <summary>
/// Every service the bot registers can be built, on each storage provider and interactions mode: a port without an
/// adapter on one provider would otherwise surface only when a member first uses the command that needs it.
/// </summary>
public sealed class ServiceGraphTests
{
    [Theory]
    [InlineData("LiteDb", "Gateway")]
    [InlineData("PostgreSql", "Gateway")]
    [InlineData("PostgreSql", "Http")]
    public void Every_registered_service_can_be_built(string provider, string mode)
    {
        var builder = BotHost.CreateBuilder([], settings: new Dictionary<string, string?>
        {
            ["Discord:Token"] = "token",
            ["Storage:Provider"] = provider,
            ["Storage:ConnectionString"] = "Host=127.0.0.1;Database=mleprep;Username=mleprep",
            ["Interactions:Mode"] = mode,
            ["Interactions:PublicKey"] = new string('a', 64),
            ["Interactions:Url"] = "http://127.0.0.1:0",
        });
        // Checks each registration's constructor arguments without constructing anything (no database is opened).
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true }));

        var failure = Record.Exception(() => builder.Build().Dispose());

        Assert.Null(failure);
    }
}
