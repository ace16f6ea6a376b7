using Microsoft.Extensions.DependencyInjection;
using MlePrep.Bot.Interactions;

namespace MlePrep.Bot.Tests.EndToEnd;

/// <summary>/help through the real host and the Discord emulator (which checks the reply against Discord's limits).</summary>
[Trait("Category", "EndToEnd")]
public sealed class HelpFlowTests : IAsyncLifetime
{
    private BotFixture _bot = null!;

    public async Task InitializeAsync() => _bot = await BotFixture.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Help_lists_every_command_and_daily_sub_command_privately_with_streaks_privacy_and_the_project()
    {
        var (_, reply) = await _bot.CommandAsync("help");

        Assert.True(BotFixture.IsEphemeral(reply));
        var embed = reply.Data!["embeds"]![0]!;
        var description = (string)embed["description"]!;
        var commands = _bot.Host.Services.CreateScope().ServiceProvider.GetServices<ISlashCommand>().Select(c => c.Definition).ToList();
        Assert.All(commands.Where(c => c.Name is not ("daily" or "mock")), c => Assert.Contains($"`/{c.Name}` — {c.Description}", description));
        Assert.Contains("`/daily set` — ", description);
        Assert.Contains("`/daily status` — ", description);
        Assert.Contains("`/mock start` — ", description);
        Assert.Contains("`/mock stop` — ", description);
        Assert.DoesNotContain("`/daily` — ", description);
        Assert.Contains("`/review` — ", description);
        Assert.Contains("`/stats` — ", description);
        var fields = embed["fields"]!.AsArray().Select(f => (string)f!["name"]!).ToList();
        Assert.Equal(["Streaks", "Learning", "Your data", "The project"], fields);
        Assert.Contains("https://github.com/mleprep/mleprep-bot", (string)embed["fields"]![3]!["value"]!);
    }
}
