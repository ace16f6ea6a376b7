namespace MlePrep.Discord.Tests.Emulator;

/// <summary>The emulator's waits (REST messages and the gateway's conditions share one mechanism).</summary>
public sealed class WaiterTests
{
    [Fact]
    public async Task A_throwing_message_predicate_fails_its_own_wait_and_not_the_request_or_other_waits()
    {
        await using var e = await EmulatorHttp.StartAsync();
        var faulty = e.Emulator.Rest.WaitForMessageAsync(e.ChannelId, _ => throw new InvalidOperationException("bad predicate"));
        var healthy = e.Emulator.Rest.WaitForMessageAsync(e.ChannelId, m => m.Content == "hello");

        var answer = await e.PostMessageAsync("""{"content":"hello"}""");

        Assert.Equal(200, answer.Status);
        Assert.Equal("hello", (await healthy).Content);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => faulty);
        Assert.Equal("bad predicate", error.Message);
    }

    [Fact]
    public async Task A_gateway_condition_that_already_holds_completes_at_once_and_a_cancelled_message_wait_is_cancelled()
    {
        await using var e = await EmulatorHttp.StartAsync();
        using var cts = new CancellationTokenSource();

        await e.Emulator.Gateway.WaitUntilAsync(g => g.IdentifyCount == 0);
        var wait = e.Emulator.Rest.WaitForMessageAsync(e.ChannelId, ct: cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
