using System.Globalization;
using System.Text.Json.Nodes;
using MlePrep.Discord.Interactions;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>Route handlers for channel messages, and the message helpers the other handlers share. They run under the state lock.</summary>
public sealed partial class EmulatorRest
{
    private Reply CreateMessage(Call call)
    {
        if (ChannelFor(call, out var channel) is { } denied)
        {
            return denied;
        }
        var errors = new FormErrors();
        Validation.Message(call.Body, errors, Validation.ChannelMessageFlags, allowNonce: true);
        ValidateAttachments(call.Body, call.Files, null, errors);
        if (errors.Any)
        {
            return new(400, errors.ToBody());
        }
        if (Validation.IsEmpty(call.Body) && call.Files.Count == 0)
        {
            return Error(400, 50006, "Cannot send an empty message");
        }
        if (channel.Type is not (ChannelTypes.GuildText or ChannelTypes.DirectMessage or ChannelTypes.GuildVoice or ChannelTypes.GuildAnnouncement or 10 or 11 or 12))
        {
            return Error(400, 50008, "Cannot send messages in a non-text channel");
        }
        // A reply (SPEC MessageReferenceRequest): the message replied to must be in this channel unless fail_if_not_exists is false.
        var reference = call.Body.Obj("message_reference");
        ulong? repliedTo = null;
        if (reference is not null)
        {
            if (!ulong.TryParse(reference["message_id"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var referenced))
            {
                errors.Add("message_reference.message_id", "BASE_TYPE_REQUIRED", "This field is required");
                return new(400, errors.ToBody());
            }
            if (channel.Find(referenced) is not null)
            {
                repliedTo = referenced;
            }
            else if (reference.Bool("fail_if_not_exists") != false)
            {
                errors.Add("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message");
                return new(400, errors.ToBody());
            }
        }
        var nonce = call.Body?["nonce"]?.ToString();
        if (nonce is not null && call.Body.Bool("enforce_nonce") == true
            && _nonces.TryGetValue((channel.Id, nonce), out var earlier) && call.Now - earlier.At < NonceWindow && channel.Find(earlier.MessageId) is { } existing)
        {
            return Ok(existing.DeepClone());
        }
        var message = NewMessage(channel, call.Body!, type: repliedTo is null ? 0 : 19, call.Now);
        if (repliedTo is { } replied)
        {
            message["message_reference"] = new JsonObject
            {
                ["type"] = 0, ["message_id"] = InteractionSpec.Id(replied), ["channel_id"] = InteractionSpec.Id(channel.Id),
                ["guild_id"] = channel.GuildId is { } g ? InteractionSpec.Id(g) : null,
            };
        }
        Attach(message, call.Body!, call.Files);
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
        ValidateAttachments(call.Body, call.Files, message, errors);
        if (errors.Any)
        {
            return new(400, errors.ToBody());
        }
        Apply(message, call.Body!, call.Now);
        Attach(message, call.Body!, call.Files);
        return Ok(Publish(channel, message).DeepClone());
    }

    // Delete Message: the bot deletes its own messages (others' would need Manage Messages, which the emulator never grants it).
    private Reply DeleteMessage(Call call)
    {
        if (ChannelFor(call, out var channel) is { } denied)
        {
            return denied;
        }
        if (channel.Find(call.Id("message_id")) is not { } message)
        {
            return Error(404, 10008, "Unknown Message");
        }
        if (message.Obj("author").Str("id") != InteractionSpec.Id(Options.BotUserId))
        {
            return Error(403, 50013, "Missing Permissions");
        }
        channel.Messages.Remove(message);
        Feed.MessageDeleted(channel.Id, Id(message));
        return NoContent();
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
