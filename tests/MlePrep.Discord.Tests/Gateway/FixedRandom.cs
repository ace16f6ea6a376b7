namespace MlePrep.Discord.Tests.Gateway;

/// <summary>A <see cref="Random"/> whose every draw is <paramref name="value"/>: a fixed heartbeat and backoff jitter.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}
