using System.Globalization;
using System.Text.Json.Nodes;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>The route handlers. They run under the state lock.</summary>
public sealed partial class EmulatorRest
{
    private const int LoadingFlag = 1 << 7;
    private static readonly int[] ArchiveDurations = [60, 1440, 4320, 10080];

    private Reply CreateMessage(Call call)
    {
        if (ChannelFor(call, out var channel) is { } denied)
        {
            return denied;
        }
        var errors = new FormErrors();
        Validation.Message(call.Body, errors, Validation.ChannelMessageFlags, allowNonce: true);
        if (errors.Any)
        {
            return new(400, errors.ToBody());
        }
        if (Validation.IsEmpty(call.Body))
        {
            return Error(400, 50006, "Cannot send an empty message");
        }
        if (channel.Type is not (ChannelTypes.GuildText or ChannelTypes.DirectMessage or ChannelTypes.GuildVoice or ChannelTypes.GuildAnnouncement or 10 or 11 or 12))
        {
            return Error(400, 50008, "Cannot send messages in a non-text channel");
        }
        var nonce = call.Body?["nonce"]?.ToString();
        if (nonce is not null && call.Body.Bool("enforce_nonce") == true
            && _nonces.TryGetValue((channel.Id, nonce), out var earlier) && call.Now - earlier.At < NonceWindow && channel.Find(earlier.MessageId) is { } existing)
        {
            return Ok(existing.DeepClone());
        }
        var message = NewMessage(channel, call.Body!, type: 0, call.Now);
        if (nonce is not null)
        {
            message["nonce"] = call.Body!["nonce"].Clone();
            _nonces[(channel.Id, nonce)] = (Id(message), call.Now);
        }
        return Ok(Publish(channel, message).DeepClone());
    }

    private Reply EditMessage(Call call)
    {
        if (ChannelFor(call, out var channel) is { } denied)
        {
            return denied;
        }
        if (channel.Find(call.Id("message_id")) is not { } message)
        {
            return Error(404, 10008, "Unknown Message");
        }
        var errors = new FormErrors();
        Validation.Message(call.Body, errors, Validation.EditFlags, allowNonce: false);
        if (errors.Any)
        {
            return new(400, errors.ToBody());
        }
        Apply(message, call.Body!, call.Now);
        return Ok(Publish(channel, message).DeepClone());
    }

    private Reply StartThread(Call call)
    {
        if (ChannelFor(call, out var channel) is { } denied)
        {
            return denied;
        }
        if (channel.Find(call.Id("message_id")) is not { } message)
        {
            return Error(404, 10008, "Unknown Message");
        }
        var errors = new FormErrors();
        errors.Length("name", call.Body.Str("name"), 1, 100);
        if (call.Body.Int("auto_archive_duration") is { } duration && !ArchiveDurations.Contains((int)duration))
        {
            errors.Add("auto_archive_duration", "BASE_TYPE_CHOICES", "Value must be one of (60, 1440, 4320, 10080).");
        }
        if (errors.Any)
        {
            return new(400, errors.ToBody());
        }
        if (message.Has("thread"))
        {
            return Error(400, 160004, "A thread has already been created for this message");
        }
        var threadType = channel.Type == ChannelTypes.GuildAnnouncement ? 10 : ChannelTypes.PublicThread;
        var thread = new Channel(Id(message), channel.GuildId, threadType, call.Body.Str("name"));
        _channels[thread.Id] = thread;
        var json = new JsonObject
        {
            ["id"] = InteractionSpec.Id(thread.Id),
            ["type"] = threadType,
            ["guild_id"] = channel.GuildId is { } g ? InteractionSpec.Id(g) : null,
            ["parent_id"] = InteractionSpec.Id(channel.Id),
            ["name"] = thread.Name,
            ["owner_id"] = InteractionSpec.Id(Options.BotUserId),
            ["thread_metadata"] = new JsonObject
            {
                ["archived"] = false, ["auto_archive_duration"] = call.Body.Int("auto_archive_duration") ?? 4320, ["locked"] = false,
                ["archive_timestamp"] = call.Now.ToString("O", CultureInfo.InvariantCulture),
            },
        };
        message["thread"] = json.DeepClone();
        Feed.Message(message);
        return new(201, json);
    }

    private Reply OverwriteCommands(Call call)
    {
        if (call.Id("application_id") != Options.ApplicationId)
        {
            return Error(403, 50001, "Missing Access");
        }
        ulong scope = 0;
        if (call.Values.ContainsKey("guild_id"))
        {
            scope = call.Id("guild_id");
            if (!_guilds.ContainsKey(scope))
            {
                return Error(403, 50001, "Missing Access");
            }
        }
        if (call.Body is not JsonArray commands)
        {
            var errors = new FormErrors();
            errors.Add("", "BASE_TYPE_ARRAY", "Must be an array.");
            return new(400, errors.ToBody());
        }
        var byType = commands.GroupBy(c => c.Int("type") ?? 1).ToDictionary(g => g.Key, g => g.Count());
        if (byType.GetValueOrDefault(1) > 100 || byType.GetValueOrDefault(2) > 15 || byType.GetValueOrDefault(3) > 15)
        {
            return Error(400, 30032, "Maximum number of application commands reached");
        }
        var validation = new FormErrors();
        Validation.Commands(commands, validation);
        if (validation.Any)
        {
            return new(400, validation.ToBody());
        }
        var previous = _commands.GetValueOrDefault(scope) ?? [];
        var stored = new List<JsonObject>();
        foreach (var command in commands.OfType<JsonObject>())
        {
            var type = command.Int("type") ?? 1;
            // Discord keeps the id of a command that already exists with the same name and type.
            var id = previous.FirstOrDefault(p => p.Str("name") == command.Str("name") && (p.Int("type") ?? 1) == type)?.Str("id")
                ?? InteractionSpec.Id(NextId());
            var json = (JsonObject)command.DeepClone();
            json["id"] = id;
            json["application_id"] = InteractionSpec.Id(Options.ApplicationId);
            json["version"] = InteractionSpec.Id(NextId());
            json["type"] = type;
            json["description"] ??= "";
            json["default_member_permissions"] ??= null;
            json["nsfw"] ??= false;
            json["integration_types"] ??= new JsonArray(0);
            if (scope != 0)
            {
                json["guild_id"] = InteractionSpec.Id(scope);
            }
            stored.Add(json);
        }
        _commands[scope] = stored;
        Feed.CommandsChanged();
        return Ok(new JsonArray([.. stored.Select(c => c.DeepClone())]));
    }

    private Reply ListCommands(Call call)
    {
        if (call.Id("application_id") != Options.ApplicationId)
        {
            return Error(403, 50001, "Missing Access");
        }
        var scope = call.Values.ContainsKey("guild_id") ? call.Id("guild_id") : 0;
        return Ok(new JsonArray([.. (_commands.GetValueOrDefault(scope) ?? []).Select(c => c.DeepClone())]));
    }

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
        if (type == InteractionCallbackType.ChannelMessageWithSource && Validation.IsEmpty(data))
        {
            return Error(400, 50006, "Cannot send an empty message");
        }
        var channel = _channels[interaction.Interaction.ChannelId!.Value];
        JsonObject? message = null;
        switch (type)
        {
            case InteractionCallbackType.ChannelMessageWithSource:
                message = NewMessage(channel, data!, kind == InteractionType.ApplicationCommand ? 20 : 19, call.Now, interaction);
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
        if (errors.Any)
        {
            return new(400, errors.ToBody());
        }
        var channel = _channels[interaction.Interaction.ChannelId!.Value];
        var ephemeral = (message.Int("flags") ?? 0) & Validation.Ephemeral;
        Apply(message, call.Body!, call.Now);
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
        if (errors.Any)
        {
            return new(400, errors.ToBody());
        }
        if (Validation.IsEmpty(call.Body))
        {
            return Error(400, 50006, "Cannot send an empty message");
        }
        var channel = _channels[interaction.Interaction.ChannelId!.Value];
        var message = Publish(channel, NewMessage(channel, call.Body!, 0, call.Now, interaction));
        interaction.AddFollowup(ToMessage(message));
        return call.Query["wait"] == "true" ? Ok(message.DeepClone()) : NoContent();
    }

    private Reply? ChannelFor(Call call, out Channel channel)
    {
        if (!_channels.TryGetValue(call.Id("channel_id"), out channel!) || channel.Deleted)
        {
            return Error(404, 10003, "Unknown Channel");
        }
        return channel.Access switch
        {
            ChannelAccess.MissingAccess => Error(403, 50001, "Missing Access"),
            ChannelAccess.MissingPermissions => Error(403, 50013, "Missing Permissions"),
            _ => null,
        };
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

    private JsonObject NewMessage(Channel channel, JsonNode body, int type, DateTimeOffset now, InjectedInteraction? interaction = null)
    {
        var message = new JsonObject
        {
            ["id"] = InteractionSpec.Id(NextId()),
            ["channel_id"] = InteractionSpec.Id(channel.Id),
            ["author"] = new JsonObject
            {
                ["id"] = InteractionSpec.Id(Options.BotUserId), ["username"] = "MlePrep", ["discriminator"] = "0", ["global_name"] = null, ["avatar"] = null, ["bot"] = true,
            },
            ["content"] = body.Str("content") ?? "",
            ["timestamp"] = now.ToString("O", CultureInfo.InvariantCulture),
            ["edited_timestamp"] = null,
            ["tts"] = body.Bool("tts") ?? false,
            ["mention_everyone"] = false,
            ["mentions"] = new JsonArray(),
            ["mention_roles"] = new JsonArray(),
            ["attachments"] = new JsonArray(),
            ["embeds"] = body.Arr("embeds").Clone() ?? new JsonArray(),
            ["components"] = body.Arr("components").Clone() ?? new JsonArray(),
            ["pinned"] = false,
            ["type"] = type,
            ["flags"] = body.Int("flags") ?? 0,
        };
        if (interaction is not null)
        {
            message["webhook_id"] = InteractionSpec.Id(Options.ApplicationId);
            message["application_id"] = InteractionSpec.Id(Options.ApplicationId);
            message["interaction_metadata"] = new JsonObject
            {
                ["id"] = InteractionSpec.Id(interaction.Id),
                ["type"] = (int)interaction.Interaction.Type,
                ["user"] = JsonNode.Parse(interaction.Json).Obj("member")?["user"]?.DeepClone() ?? JsonNode.Parse(interaction.Json).Obj("user")?.DeepClone(),
            };
        }
        return message;
    }

    private static void Apply(JsonObject message, JsonNode body, DateTimeOffset now)
    {
        foreach (var field in new[] { "content", "embeds", "components", "flags" })
        {
            if (body is JsonObject o && o.ContainsKey(field))
            {
                message[field] = o[field].Clone() ?? (field == "content" ? "" : field == "flags" ? 0 : new JsonArray());
            }
        }
        message["edited_timestamp"] = now.ToString("O", CultureInfo.InvariantCulture);
    }

    private JsonObject Publish(Channel channel, JsonObject message)
    {
        if (!channel.Messages.Contains(message))
        {
            channel.Messages.Add(message);
        }
        _messages.Publish(ToMessage(message));
        Feed.Message(message);
        return message;
    }

    private static ulong Id(JsonObject message) => ulong.Parse(message.Str("id")!, CultureInfo.InvariantCulture);
}
