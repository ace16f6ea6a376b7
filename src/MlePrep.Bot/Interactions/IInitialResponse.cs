using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Interactions;

/// <summary>
/// How the router's first response to an interaction reaches Discord: the callback endpoint for an interaction received
/// over the gateway, the HTTP response body for one Discord POSTed. Everything after it (edits, follow-ups) goes over the
/// HTTP API either way. Scoped: one per interaction.
/// </summary>
public interface IInitialResponse
{
    /// <summary>Delivers the initial response; throws <see cref="DiscordApiException"/> when Discord refuses it.</summary>
    Task SendAsync(Interaction interaction, InteractionResponse response, CancellationToken ct);
}

/// <summary>POST /interactions/{id}/{token}/callback.</summary>
public sealed class CallbackInitialResponse(IDiscordRestClient rest) : IInitialResponse
{
    public Task SendAsync(Interaction interaction, InteractionResponse response, CancellationToken ct) =>
        rest.RespondAsync(interaction.Id, interaction.Token, response, ct);
}
