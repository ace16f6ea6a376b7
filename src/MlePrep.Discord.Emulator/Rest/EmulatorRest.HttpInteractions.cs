using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using MlePrep.Discord.Emulator.Http;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>The initial response that came back as the body of an HTTP interaction: checked exactly as a callback.</summary>
public sealed partial class EmulatorRest
{
    /// <summary>The HTTP interactions side: the signing key, the endpoint URLs, what came back.</summary>
    internal EmulatorHttpInteractions Http { get; set; } = null!;

    /// <summary>Applies a response body as POST /interactions/{id}/{token}/callback would; returns its status and error body.</summary>
    internal (int Status, JsonNode? Error) AcceptResponseBody(InjectedInteraction injected, string body)
    {
        lock (_state)
        {
            JsonNode? json;
            try
            {
                json = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                var invalid = Error(400, 50109, "The request body contains invalid JSON.");
                return (invalid.Status, invalid.Body);
            }
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["interaction_id"] = InteractionSpec.Id(injected.Id),
                ["interaction_token"] = injected.Token,
            };
            var reply = Callback(new Call(values, json, QueryCollection.Empty, Now()));
            return (reply.Status, reply.Status >= 400 ? reply.Body : null);
        }
    }
}
