namespace MlePrep.Discord.Hosting;

/// <summary>
/// One way interactions reach the bot (the gateway, an HTTP interactions endpoint) and whether it can take them now.
/// Each way registers one; the bot's health reports them all, and is ready to serve members when one of them is.
/// </summary>
public interface IInteractionsReadiness
{
    /// <summary>A short name for health reports, e.g. <c>gateway</c>.</summary>
    string Source { get; }

    /// <summary>Interactions arrive through it right now.</summary>
    bool IsReady { get; }
}

/// <summary>
/// The gateway is ready when every shard this process runs has reached READY or RESUMED and that connection has not
/// ended: a shard that is down leaves its servers' members unanswered.
/// </summary>
internal sealed class GatewayReadiness(GatewayShardFactory shards) : IInteractionsReadiness
{
    public string Source => "gateway";

    public bool IsReady => shards.Created is { Count: > 0 } running && running.All(c => c.IsConnected);
}
