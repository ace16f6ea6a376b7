using System.Text.Json.Nodes;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>Route handlers for application commands. They run under the state lock.</summary>
public sealed partial class EmulatorRest
{
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
}
