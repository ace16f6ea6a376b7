using System.Globalization;
using MlePrep.Bot.Emulated;
using MlePrep.Bot.Operations;
using MlePrep.Bot.Tests.Operations;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Gateway;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Tests.EndToEnd;

/// <summary>
/// The real bot as gateway shards of 3 against the emulator, which routes each guild's events to shard
/// <c>(guild_id &gt;&gt; 22) % 3</c>: one process running all three shards, and three bots running one shard each (each with
/// its own LiteDB file). /question and Hint in a guild on every shard are answered exactly once, by the owning shard.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ShardFlowTests
{
    private const int ShardCount = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task One_process_running_shards_0_to_2_of_3_answers_in_a_guild_on_every_shard_once_after_identifying_5_s_apart()
    {
        // max_concurrency 1: the emulator holds the bot to one Identify per 5 s.
        await using var emulator = await DiscordEmulator.StartAsync(new EmulatorOptions { HeartbeatInterval = TimeSpan.FromSeconds(5) });
        var guilds = AddGuildPerShard(emulator);

        await using var bot = await EmulatedBot.StartAsync(emulator, guilds[0].Guild, options: Options(emulator, shardIds: "0-2"));
        await emulator.Gateway.WaitUntilAsync(g => g.IdentifiedShards.Count == ShardCount).WaitAsync(Timeout);

        Assert.Empty(emulator.Gateway.IdentifyFaults);
        Assert.Equal(["0/3", "1/3", "2/3"], emulator.Gateway.IdentifiedShards.Select(s => $"{s.Id}/{s.Count}"));
        // Commands belong to the application: three READYs, one registration.
        Assert.Single(emulator.Rest.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal));
        foreach (var (shard, guild, channel) in guilds)
        {
            await QuestionAndHintAnsweredOnceByShardAsync(emulator, shard, guild, channel);
        }

        // /about counts the servers of every shard's READY, and one joined after them.
        var servers = bot.Service<ServerCount>();
        await Until.TrueAsync(() => servers.Count == emulator.Rest.GuildList().Count, Timeout);
        await emulator.Gateway.JoinGuildAsync("New study server");
        await Until.TrueAsync(() => servers.Count == emulator.Rest.GuildList().Count, Timeout);
    }

    [Fact]
    public async Task Three_bots_each_running_one_shard_answer_only_in_the_guilds_of_their_own_shard()
    {
        // Separate processes share no identify queue; max_concurrency 3 gives each shard its own rate-limit key.
        await using var emulator = await DiscordEmulator.StartAsync(new EmulatorOptions { HeartbeatInterval = TimeSpan.FromSeconds(5), MaxConcurrency = ShardCount });
        var guilds = AddGuildPerShard(emulator);
        List<EmulatedBot> bots = [];
        try
        {
            for (var shard = 0; shard < ShardCount; shard++)
            {
                bots.Add(await EmulatedBot.StartAsync(emulator, guilds[0].Guild, options: Options(emulator, shardIds: shard.ToString(CultureInfo.InvariantCulture))));
            }
            await emulator.Gateway.WaitUntilAsync(g => g.IdentifiedShards.Count == ShardCount).WaitAsync(Timeout);

            Assert.Empty(emulator.Gateway.IdentifyFaults);
            Assert.Equal(ShardCount, bots.Select(b => b.DatabasePath).Distinct().Count());
            foreach (var (shard, guild, channel) in guilds)
            {
                await QuestionAndHintAnsweredOnceByShardAsync(emulator, shard, guild, channel);
            }
        }
        finally
        {
            foreach (var bot in bots)
            {
                await bot.DisposeAsync();
            }
        }
    }

    private static EmulatedBotOptions Options(DiscordEmulator emulator, string shardIds) => new()
    {
        Quiet = true,
        Settings = new Dictionary<string, string?>
        {
            ["Discord:ShardCount"] = ShardCount.ToString(CultureInfo.InvariantCulture),
            ["Discord:ShardIds"] = shardIds,
            // Global registration: the commands exist in every guild, whichever shard carries it.
            ["Discord:DevGuildId"] = "",
        },
    };

    /// <summary>A guild with a text channel on each shard (a guild's shard follows its id's millisecond).</summary>
    internal static (int Shard, ulong Guild, ulong Channel)[] AddGuildPerShard(DiscordEmulator emulator)
    {
        var found = new (int Shard, ulong Guild, ulong Channel)?[ShardCount];
        while (found.Any(f => f is null))
        {
            var guild = emulator.Rest.AddGuild("Study server");
            var shard = EmulatorGateway.ShardOf(guild, ShardCount);
            if (found[shard] is null)
            {
                found[shard] = (shard, guild, emulator.Rest.AddChannel(guild, ChannelTypes.GuildText, "interview-prep"));
            }
            Thread.Sleep(1);
        }
        return [.. found.Select(f => f!.Value)];
    }

    private static async Task QuestionAndHintAnsweredOnceByShardAsync(DiscordEmulator emulator, int shard, ulong guild, ulong channel)
    {
        var member = 1_200_000_000_000_000_100UL + (ulong)shard;
        var question = await emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question").InGuild(guild, channel).By(member, "member"));
        var posted = await question.Callback.WaitAsync(Timeout);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, posted.Type);
        var message = await question.WaitForOriginalAsync().WaitAsync(Timeout);
        var hintId = (string)posted.Data!["components"]![0]!["components"]![0]!["custom_id"]!;

        var hint = await emulator.Rest.InjectInteractionAsync(InteractionSpec.Button(hintId, message.Id).InGuild(guild, channel).By(member, "member"));
        var hinted = await hint.Callback.WaitAsync(Timeout);
        Assert.Equal(MessageFlags.Ephemeral, ((int?)hinted.Data?["flags"] ?? 0) & MessageFlags.Ephemeral);

        foreach (var interaction in new[] { question.Interaction.Id, hint.Interaction.Id })
        {
            var id = interaction.ToString(CultureInfo.InvariantCulture);
            // Delivered to one session only, of the guild's shard, and answered with one callback.
            var delivery = Assert.Single(emulator.Gateway.Deliveries, d => d.EventName == "INTERACTION_CREATE" && d.Id == id);
            Assert.Equal(shard, delivery.Shard.Id);
            Assert.Single(emulator.Rest.Requests, r => r.Method == "POST" && r.Path.Contains($"/interactions/{id}/", StringComparison.Ordinal)
                && r.Path.EndsWith("/callback", StringComparison.Ordinal));
        }
    }
}
