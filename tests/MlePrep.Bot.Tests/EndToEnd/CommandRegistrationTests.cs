using System.Text.Json.Nodes;

namespace MlePrep.Bot.Tests.EndToEnd;

/// <summary>Where commands are registered, through the real host and the Discord emulator.</summary>
[Trait("Category", "EndToEnd")]
public sealed class CommandRegistrationTests
{
    [Fact]
    public async Task Switching_from_a_dev_guild_to_global_registration_clears_the_old_guild_copies()
    {
        await using var bot = await BotFixture.StartAsync();
        Assert.NotEmpty(bot.Discord.Commands(bot.GuildId));
        await bot.StopBotAsync();

        await bot.StartBotAsync(settings: new Dictionary<string, string?> { ["Discord:DevGuildId"] = "" });
        using var timeout = new CancellationTokenSource(BotFixture.Timeout);
        await bot.Discord.WaitForRequestAsync(r => r.Method == "PUT" && r.Path.EndsWith($"/guilds/{bot.GuildId}/commands", StringComparison.Ordinal)
            && r.Body is JsonArray { Count: 0 } && r.Status == 200, timeout.Token);

        Assert.Empty(bot.Discord.Commands(bot.GuildId));
        Assert.Equal(["about", "daily", "help", "leaderboard", "mock", "mydata", "question", "review", "stats", "streak"], bot.Discord.Commands().Select(c => c.Name).Order());
    }

    [Fact]
    public async Task The_dev_guild_keeps_its_commands_and_a_guild_without_any_is_only_looked_at()
    {
        await using var bot = await BotFixture.StartAsync();
        var other = bot.Discord.AddGuild("Another server");
        await bot.StopBotAsync();

        await bot.StartBotAsync();
        using var timeout = new CancellationTokenSource(BotFixture.Timeout);
        await bot.Discord.WaitForRequestAsync(r => r.Method == "GET" && r.Path.EndsWith($"/guilds/{other}/commands", StringComparison.Ordinal), timeout.Token);

        Assert.NotEmpty(bot.Discord.Commands(bot.GuildId));
        Assert.DoesNotContain(bot.Discord.Requests, r => r.Method == "PUT" && r.Path.EndsWith($"/guilds/{other}/commands", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Discord.Requests, r => r.Method == "GET" && r.Path.EndsWith($"/guilds/{bot.GuildId}/commands", StringComparison.Ordinal));
    }
}
