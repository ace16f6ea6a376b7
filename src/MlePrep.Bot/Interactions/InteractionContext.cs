using MlePrep.Discord.Interactions;

namespace MlePrep.Bot.Interactions;

/// <summary>The interaction being handled, with the parts commands use most.</summary>
public sealed record InteractionContext(Interaction Interaction)
{
    public InteractionData Data => Interaction.Data ?? new InteractionData();

    public ulong? GuildId => Interaction.GuildId;

    /// <summary>The channel it happened in (every interaction the bot handles has one).</summary>
    public ulong ChannelId => Interaction.ChannelId ?? Interaction.Channel?.Id ?? 0;

    public User User => Interaction.Invoker;

    /// <summary>For components and modals: the parsed custom id, or null when it does not parse.</summary>
    public CustomId? ComponentId => CustomIds.Parse(Data.CustomId);
}
