using System.Text.Json.Nodes;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>Route handlers for interaction callbacks and webhooks (original response, follow-ups). They run under the state lock.</summary>
public sealed partial class EmulatorRest
{
    private const int LoadingFlag = 1 << 7;

    private Reply Callback(Call call)
    {
        if (!_interactions.TryGetValue(call.Id("interaction_id"), out var interaction) || interaction.Token != call.Values["interaction_token"])
        {
            return Error(404, 10062, "Unknown interaction");
        }
        if (interaction.Acknowledged is not null)
        {
            return Error(400, 40060, "Interaction has already been acknowledged.");
        }
        if (call.Now - interaction.CreatedAt > Options.InteractionDeadline)
        {
            return Error(404, 10062, "Unknown interaction");
        }
        var kind = interaction.Interaction.Type;
        var type = (InteractionCallbackType)(call.Body.Int("type") ?? 0);
        var data = call.Body.Obj("data");
        var fromComponent = kind == InteractionType.MessageComponent || (kind == InteractionType.ModalSubmit && interaction.Interaction.Message is not null);
        var valid = type switch
        {
            InteractionCallbackType.ChannelMessageWithSource or InteractionCallbackType.DeferredChannelMessageWithSource =>
                kind is InteractionType.ApplicationCommand or InteractionType.MessageComponent or InteractionType.ModalSubmit,
            InteractionCallbackType.DeferredUpdateMessage or InteractionCallbackType.UpdateMessage => fromComponent,
            InteractionCallbackType.AutocompleteResult => kind == InteractionType.ApplicationCommandAutocomplete,
            InteractionCallbackType.Modal => kind is InteractionType.ApplicationCommand or InteractionType.MessageComponent,
            _ => false,
        };
        var errors = new FormErrors();
        if (!valid)
        {
            errors.Add("type", "INTERACTION_RESPONSE_TYPE_INVALID", $"Interaction response type {(int)type} is not valid for interaction type {(int)kind}.");
            return new(400, errors.ToBody());
        }
        switch (type)
        {
            case InteractionCallbackType.ChannelMessageWithSource or InteractionCallbackType.UpdateMessage:
                Validation.Message(data, errors, Validation.InteractionMessageFlags, allowNonce: false);
                var updated = type == InteractionCallbackType.UpdateMessage && interaction.Interaction.Message is { } clicked
                    ? _channels[interaction.Interaction.ChannelId!.Value].Find(clicked.Id) : null;
                ValidateAttachments(data, call.Files, updated, errors);
                break;
            case InteractionCallbackType.DeferredChannelMessageWithSource when ((data.Int("flags") ?? 0) & ~Validation.Ephemeral) != 0:
                errors.Add("data.flags", "MESSAGE_FLAGS_INVALID", "Only the EPHEMERAL flag is valid on a deferred response.");
                break;
            case InteractionCallbackType.AutocompleteResult:
                Validation.AutocompleteChoices(data, errors);
                break;
            case InteractionCallbackType.Modal:
                Validation.Modal(data, errors);
                break;
        }
        if (errors.Any)
        {
            return new(400, errors.ToBody());
        }
        if (type == InteractionCallbackType.ChannelMessageWithSource && Validation.IsEmpty(data) && call.Files.Count == 0)
        {
            return Error(400, 50006, "Cannot send an empty message");
        }
        var channel = _channels[interaction.Interaction.ChannelId!.Value];
        JsonObject? message = null;
        switch (type)
        {
            case InteractionCallbackType.ChannelMessageWithSource:
                message = NewMessage(channel, data!, kind == InteractionType.ApplicationCommand ? 20 : 19, call.Now, interaction);
                Attach(message, data!, call.Files);
                interaction.OriginalMessageId = Id(message);
                Publish(channel, message);
                interaction.SetOriginal(ToMessage(message));
                break;
            case InteractionCallbackType.DeferredChannelMessageWithSource:
                // The "thinking…" message: an empty, loading message that Edit Original fills in later.
                message = NewMessage(channel, new JsonObject(), kind == InteractionType.ApplicationCommand ? 20 : 19, call.Now, interaction);
                message["flags"] = LoadingFlag | (int)((data.Int("flags") ?? 0) & Validation.Ephemeral);
                channel.Messages.Add(message);
                Feed.Message(message);
                interaction.OriginalMessageId = Id(message);
                break;
            case InteractionCallbackType.DeferredUpdateMessage or InteractionCallbackType.UpdateMessage:
                interaction.OriginalMessageId = interaction.Interaction.Message!.Id;
                if (type == InteractionCallbackType.UpdateMessage && channel.Find(interaction.OriginalMessageId.Value) is { } target)
                {
                    Apply(target, data!, call.Now);
                    Attach(target, data!, call.Files);
                    message = Publish(channel, target);
                    interaction.SetOriginal(ToMessage(target));
                }
                break;
        }
        interaction.Acknowledge(type, data?.DeepClone());
        if (call.Query["with_response"] == "true")
        {
            var resource = new JsonObject { ["type"] = (int)type };
            if (message is not null)
            {
                resource["message"] = message.DeepClone();
            }
            return Ok(new JsonObject
            {
                ["interaction"] = new JsonObject
                {
                    ["id"] = InteractionSpec.Id(interaction.Id), ["type"] = (int)kind, ["response_message_loading"] = type == InteractionCallbackType.DeferredChannelMessageWithSource,
                    ["response_message_ephemeral"] = ((data.Int("flags") ?? 0) & Validation.Ephemeral) != 0,
                },
                ["resource"] = resource,
            });
        }
        return NoContent();
    }

    private Reply GetOriginal(Call call)
    {
        if (WebhookFor(call, out var interaction) is { } denied)
        {
            return denied;
        }
        return OriginalOf(interaction) is { } message ? Ok(message.DeepClone()) : Error(404, 10008, "Unknown Message");
    }

    private Reply EditOriginal(Call call)
    {
        if (WebhookFor(call, out var interaction) is { } denied)
        {
            return denied;
        }
        if (OriginalOf(interaction) is not { } message)
        {
            return Error(404, 10008, "Unknown Message");
        }
        var errors = new FormErrors();
        // Edits may repeat EPHEMERAL from the reply payload; ephemerality itself was fixed by the first response.
        Validation.Message(call.Body, errors, Validation.EditFlags | Validation.Ephemeral, allowNonce: false);
        ValidateAttachments(call.Body, call.Files, message, errors);
        if (errors.Any)
        {
            return new(400, errors.ToBody());
        }
        var channel = _channels[interaction.Interaction.ChannelId!.Value];
        var ephemeral = (message.Int("flags") ?? 0) & Validation.Ephemeral;
        Apply(message, call.Body!, call.Now);
        Attach(message, call.Body!, call.Files);
        message["flags"] = (int)(((message.Int("flags") ?? 0) & ~(LoadingFlag | Validation.Ephemeral)) | ephemeral);
        Publish(channel, message);
        interaction.SetOriginal(ToMessage(message));
        return Ok(message.DeepClone());
    }

    private Reply DeleteOriginal(Call call)
    {
        if (WebhookFor(call, out var interaction) is { } denied)
        {
            return denied;
        }
        if (OriginalOf(interaction) is not { } message)
        {
            return Error(404, 10008, "Unknown Message");
        }
        _channels[interaction.Interaction.ChannelId!.Value].Messages.Remove(message);
        interaction.OriginalDeleted = true;
        Feed.MessageDeleted(interaction.Interaction.ChannelId!.Value, Id(message));
        return NoContent();
    }

    private Reply CreateFollowup(Call call)
    {
        if (WebhookFor(call, out var interaction) is { } denied)
        {
            return denied;
        }
        if (interaction.Acknowledged is null)
        {
            return Error(404, 10015, "Unknown Webhook");
        }
        var errors = new FormErrors();
        Validation.Message(call.Body, errors, Validation.InteractionMessageFlags, allowNonce: false);
        ValidateAttachments(call.Body, call.Files, null, errors);
        if (errors.Any)
        {
            return new(400, errors.ToBody());
        }
        if (Validation.IsEmpty(call.Body) && call.Files.Count == 0)
        {
            return Error(400, 50006, "Cannot send an empty message");
        }
        var channel = _channels[interaction.Interaction.ChannelId!.Value];
        var created = NewMessage(channel, call.Body!, 0, call.Now, interaction);
        Attach(created, call.Body!, call.Files);
        var message = Publish(channel, created);
        interaction.AddFollowup(ToMessage(message));
        return call.Query["wait"] == "true" ? Ok(message.DeepClone()) : NoContent();
    }

    private Reply? WebhookFor(Call call, out InjectedInteraction interaction)
    {
        interaction = null!;
        if (call.Id("application_id") != Options.ApplicationId)
        {
            return Error(404, 10015, "Unknown Webhook");
        }
        if (!_byToken.TryGetValue(call.Values["interaction_token"], out interaction!) || call.Now - interaction.CreatedAt > TokenLifetime)
        {
            return Error(401, 50027, "Invalid Webhook Token");
        }
        return null;
    }

    private JsonObject? OriginalOf(InjectedInteraction interaction) =>
        interaction.OriginalMessageId is { } id && !interaction.OriginalDeleted
            ? _channels[interaction.Interaction.ChannelId!.Value].Find(id)
            : null;
}
