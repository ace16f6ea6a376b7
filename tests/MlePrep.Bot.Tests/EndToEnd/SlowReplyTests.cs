using Microsoft.Extensions.DependencyInjection;
using MlePrep.Bot.Interactions;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Tests.EndToEnd;

/// <summary>Replies that miss the defer budget, through the real host and the Discord emulator.</summary>
[Trait("Category", "EndToEnd")]
public sealed class SlowReplyTests
{
    private sealed class Gate
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Like "Next hint" or /mydata's buttons when the database is busy: a click whose reply updates its message, late.</summary>
    private sealed class SlowUpdateButton(Gate gate) : IComponentHandler
    {
        public Type IdType => typeof(HintId);

        public async ValueTask<InteractionReply> HandleAsync(InteractionContext context, CancellationToken ct)
        {
            await gate.Release.Task.WaitAsync(ct);
            return InteractionReply.Update(new MessagePayload { Content = "updated", Components = [] });
        }
    }

    [Fact]
    public async Task A_slow_click_defers_as_an_update_then_edits_the_clicked_message_and_posts_nothing_new()
    {
        var gate = new Gate();
        await using var bot = await BotFixture.StartAsync(services: s => s.AddSingleton(gate).AddComponentHandler<SlowUpdateButton>());
        var (posted, _) = await bot.CommandAsync("question");
        var message = await posted.WaitForOriginalAsync().WaitAsync(BotFixture.Timeout);
        var messages = bot.Discord.Messages(bot.ChannelId).Count;

        var (click, callback) = await bot.SendAsync(InteractionSpec.Button("hint:T1:1", message.Id));
        gate.Release.SetResult();
        var edited = await click.WaitForOriginalAsync(m => m.Content == "updated").WaitAsync(BotFixture.Timeout);

        Assert.Equal(InteractionCallbackType.DeferredUpdateMessage, callback.Type);
        Assert.Equal(message.Id, edited.Id);
        Assert.Empty(edited.Components ?? []);
        Assert.Equal(messages, bot.Discord.Messages(bot.ChannelId).Count);
        Assert.Empty(click.Followups);
    }

    [Fact]
    public async Task A_reply_still_being_worked_on_at_shutdown_is_sent_after_the_gateway_closed_with_1000()
    {
        var gate = new Gate();
        await using var bot = await BotFixture.StartAsync(services: s => s.AddSingleton(gate).AddComponentHandler<SlowUpdateButton>());
        var (posted, _) = await bot.CommandAsync("question");
        var message = await posted.WaitForOriginalAsync().WaitAsync(BotFixture.Timeout);
        var (click, _) = await bot.SendAsync(InteractionSpec.Button("hint:T1:1", message.Id));

        var stopping = bot.Host.StopAsync();
        await bot.Emulator.Gateway.WaitUntilAsync(g => g.ClientCloses.Count > 0).WaitAsync(BotFixture.Timeout);
        gate.Release.SetResult();
        await stopping.WaitAsync(BotFixture.Timeout);

        Assert.Equal(1000, Assert.Single(bot.Emulator.Gateway.ClientCloses).Code);
        Assert.Equal("updated", (await click.WaitForOriginalAsync(m => m.Content == "updated").WaitAsync(BotFixture.Timeout)).Content);
    }
}
