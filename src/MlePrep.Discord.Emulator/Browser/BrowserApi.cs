using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;

namespace MlePrep.Discord.Emulator.Browser;

/// <summary>
/// The emulator seen from a browser, the way a Discord client sees Discord: the guild and the commands the bot registered
/// (<c>GET /api/world</c>), a live stream of what the bot does (<c>GET /api/events</c>, server-sent events), and user actions
/// sent as real INTERACTION_CREATE through the gateway (<c>POST /api/interactions</c>), and the files the bot uploaded
/// (<c>GET /attachments/…</c>).
/// </summary>
public static class BrowserApi
{
    private static readonly InteractionType[] UserInteractions =
    [
        InteractionType.ApplicationCommand, InteractionType.MessageComponent, InteractionType.ApplicationCommandAutocomplete, InteractionType.ModalSubmit,
    ];

    /// <summary>Maps the browser routes onto <paramref name="app"/> (the page's own server; the emulator keeps its port for the bot).</summary>
    public static IEndpointRouteBuilder MapDiscordBrowserApi(this IEndpointRouteBuilder app, DiscordEmulator emulator, BrowserWorld world)
    {
        app.MapGet("/api/world", () => Json(World(emulator, world)));
        app.MapGet("/api/events", (HttpContext http) => StreamAsync(http, emulator, world));
        app.MapPost("/api/interactions", (HttpContext http, CancellationToken ct) => InteractAsync(http, emulator, world, ct));
        // Uploaded files on the page's own origin, so its content security policy (img-src 'self') lets them show.
        app.MapGet(EmulatorRest.AttachmentRoute, (string attachmentId) => emulator.Rest.ServeAttachment(attachmentId));
        return app;
    }

    private static JsonObject World(DiscordEmulator emulator, BrowserWorld world) => new()
    {
        ["guild"] = new JsonObject { ["id"] = Id(world.GuildId), ["name"] = world.GuildName },
        ["channels"] = new JsonArray([.. world.Channels.Select(c => new JsonObject { ["id"] = Id(c.Id), ["name"] = c.Name, ["topic"] = c.Topic })]),
        ["threads"] = emulator.Rest.ThreadsJson([.. world.Channels.Select(c => c.Id)]),
        ["members"] = new JsonArray([.. world.Members.Select(m => new JsonObject
        {
            ["id"] = Id(m.Id), ["name"] = m.Name, ["permissions"] = Id(m.Permissions), ["manage_guild"] = (m.Permissions & DiscordPermissions.ManageGuild) != 0,
        })]),
        ["roles"] = new JsonArray([.. world.Roles.Select(r => new JsonObject { ["id"] = Id(r.Id), ["name"] = r.Name, ["color"] = r.Color })]),
        ["bot"] = new JsonObject { ["id"] = Id(emulator.Options.BotUserId), ["name"] = "MlePrep" },
        ["ready"] = emulator.Gateway.IdentifyCount > 0,
        ["commands"] = emulator.Rest.CommandsJson(world.GuildId),
    };

    private static async Task StreamAsync(HttpContext http, DiscordEmulator emulator, BrowserWorld world)
    {
        // A graceful stop does not abort open requests; without the stopping token a page would hold the shutdown.
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var (events, snapshot) = emulator.Rest.SubscribeBrowser(world.Channels.Select(c => c.Id));
        try
        {
            await WriteAsync(http, $"event: snapshot\ndata: {new JsonObject { ["messages"] = snapshot }.ToJsonString()}\n\n", cancel.Token);
            await foreach (var frame in events.ReadAllAsync(cancel.Token))
            {
                await WriteAsync(http, frame, cancel.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away or the sandbox is stopping.
        }
        finally
        {
            emulator.Rest.Feed.Unsubscribe(events);
        }
    }

    private static async Task WriteAsync(HttpContext http, string frame, CancellationToken ct)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame), ct);
        await http.Response.Body.FlushAsync(ct);
    }

    private static async Task<IResult> InteractAsync(HttpContext http, DiscordEmulator emulator, BrowserWorld world, CancellationToken ct)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return Problem(400, "The body is not JSON.");
        }
        var type = body.Int("type") is { } t ? (InteractionType)t : (InteractionType)0;
        if (!UserInteractions.Contains(type) || body.Obj("data") is not { } data)
        {
            return Problem(400, "Expected { type: 2|3|4|5, member_id, channel_id, data, message_id? }.");
        }
        var member = world.Members.FirstOrDefault(m => Id(m.Id) == body.Str("member_id"));
        ulong? channelId = world.Channels.FirstOrDefault(c => Id(c.Id) == body.Str("channel_id"))?.Id;
        // Or a thread of one of the world's channels: a private one only for its members, as Discord shows it.
        if (channelId is null && member is not null && ulong.TryParse(body.Str("channel_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var threadId)
            && emulator.Rest.CanUseThread(threadId, [.. world.Channels.Select(c => c.Id)], member.Id))
        {
            channelId = threadId;
        }
        if (member is null || channelId is null)
        {
            return Problem(400, "Unknown member or channel.");
        }
        ulong? messageId = ulong.TryParse(body.Str("message_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;
        var spec = new InteractionSpec
        {
            Type = type, Data = (JsonObject)data.DeepClone(), GuildId = world.GuildId, ChannelId = channelId, MessageId = messageId,
            Permissions = Id(member.Permissions), UserId = member.Id, Username = member.Name,
        };
        InjectedInteraction injected;
        try
        {
            injected = await emulator.Rest.InjectInteractionAsync(spec, ct);
        }
        catch (ArgumentException e)
        {
            return Problem(400, e.Message);
        }
        try
        {
            // Past Discord's deadline the client shows "This interaction failed"; a little slack for the callback's trip.
            var callback = await injected.Callback.WaitAsync(emulator.Options.InteractionDeadline + TimeSpan.FromSeconds(1), ct);
            return Json(new JsonObject { ["type"] = (int)callback.Type, ["data"] = callback.Data?.DeepClone() });
        }
        catch (TimeoutException)
        {
            return Problem(504, "The application did not respond.");
        }
    }

    private static IResult Json(JsonObject body) => Results.Content(body.ToJsonString(), "application/json");

    private static IResult Problem(int status, string message) =>
        Results.Content(new JsonObject { ["error"] = message }.ToJsonString(), "application/json", statusCode: status);

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);
}
