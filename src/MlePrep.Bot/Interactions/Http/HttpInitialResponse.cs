using System.Net;
using MlePrep.Discord;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Interactions.Http;

/// <summary>
/// The initial response as the body of Discord's POST: the router hands it over here, the endpoint writes it, and the
/// router's call returns once it is on the wire, so an edit or follow-up after a defer never overtakes it. The body is
/// JSON, so a message with files goes out as a defer and the files follow with an edit of the original response.
/// </summary>
public sealed class HttpInitialResponse(IDiscordRestClient rest, [FromKeyedServices(DiscordClock.Key)] TimeProvider discordClock) : IInitialResponse
{
    private const string Route = "POST " + InteractionsOptions.EndpointPath;

    // Discord reads the POST's answer on its own time: an edit sent the moment the deferral is on the wire can reach it
    // first and find no original response yet. Short waits, then the last try's error goes to the router.
    private static readonly TimeSpan[] EarlyEditWaits = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

    private readonly TaskCompletionSource<InteractionResponse> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the response the router chose.</summary>
    public Task<InteractionResponse> Response => _response.Task;

    public async Task SendAsync(Interaction interaction, InteractionResponse response, CancellationToken ct)
    {
        response = response.WithDefaultMentions();
        if (response is { Type: InteractionCallbackType.ChannelMessageWithSource or InteractionCallbackType.UpdateMessage, Data: { Files.Count: > 0 } withFiles })
        {
            var deferral = response.Type == InteractionCallbackType.UpdateMessage
                ? InteractionResponse.DeferredUpdate()
                : InteractionResponse.Deferred(ephemeral: ((withFiles.Flags ?? 0) & MessageFlags.Ephemeral) != 0);
            await AnswerAsync(deferral, ct);
            await EditDeferredAsync(interaction, new MessagePayload
            {
                Content = withFiles.Content,
                Embeds = withFiles.Embeds,
                Components = withFiles.Components,
                AllowedMentions = withFiles.AllowedMentions,
                Files = withFiles.Files,
            }, ct);
            return;
        }
        await AnswerAsync(response, ct);
    }

    private async Task EditDeferredAsync(Interaction interaction, MessagePayload payload, CancellationToken ct)
    {
        foreach (var wait in EarlyEditWaits)
        {
            try
            {
                await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, payload, ct);
                return;
            }
            catch (DiscordApiException e) when (e.Status == HttpStatusCode.NotFound && e.Code is DiscordErrorCodes.UnknownMessage or DiscordErrorCodes.UnknownWebhook)
            {
                await Task.Delay(wait, discordClock, ct);
            }
        }
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, payload, ct);
    }

    private async Task AnswerAsync(InteractionResponse response, CancellationToken ct)
    {
        if (!_response.TrySetResult(response))
        {
            throw new DiscordApiException(System.Net.HttpStatusCode.BadRequest, DiscordErrorCodes.InteractionAlreadyAcknowledged,
                "Interaction has already been acknowledged.", Route);
        }
        await _written.Task.WaitAsync(ct);
    }

    /// <summary>The body went out.</summary>
    public void Written() => _written.TrySetResult();

    /// <summary>
    /// The body could not go out (Discord closed the request, or the deadline passed first): to the router this is an
    /// interaction Discord no longer knows, as over the callback endpoint.
    /// </summary>
    public void Lost() =>
        _written.TrySetException(new DiscordApiException(System.Net.HttpStatusCode.NotFound, DiscordErrorCodes.UnknownInteraction, "Unknown interaction", Route));
}
