using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using MlePrep.Discord;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Serialization;

namespace MlePrep.Bot.Interactions.Http;

/// <summary>
/// POST /interactions: checks Discord's signature on the raw bytes before anything reads them, answers PING, and
/// otherwise answers with the initial response the router produces (a deferral when the handler is slow).
/// </summary>
public sealed class HttpInteractionsEndpoint(
    InteractionSignature signature,
    HttpInteractionRunner runner,
    [FromKeyedServices(DiscordClock.Key)] TimeProvider discordClock,
    ILogger<HttpInteractionsEndpoint> logger)
{
    /// <summary>Interactions are a few kilobytes (attachments travel as URLs); a larger body is refused unread.</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>Discord waits 3 s for the initial response; the router defers well within that.</summary>
    public static readonly TimeSpan ResponseDeadline = TimeSpan.FromSeconds(3);

    private static readonly byte[] Pong = """{"type":1}"""u8.ToArray();

    public async Task HandleAsync(HttpContext http)
    {
        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            Log.HttpBodyTooLarge(logger, MaxBodyBytes);
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        var check = signature.Check(http.Request.Headers["X-Signature-Ed25519"], http.Request.Headers["X-Signature-Timestamp"], body);
        if (check != SignatureCheck.Valid)
        {
            Log.HttpSignatureRefused(logger, check);
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        if (Parse(body) is not { } interaction)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (interaction.Type == InteractionType.Ping)
        {
            await WriteJsonAsync(http, Pong);
            return;
        }
        if (InteractionCheck.Problem(interaction) is { } problem)
        {
            Log.HttpInteractionRejected(logger, interaction.Id, problem);
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await RespondAsync(http, interaction with { ReceivedAt = Stopwatch.GetTimestamp() });
    }

    private async Task RespondAsync(HttpContext http, Interaction interaction)
    {
        var (initial, handling) = runner.Start(interaction);
        using var deadline = new CancellationTokenSource(ResponseDeadline, discordClock);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, http.RequestAborted);
        try
        {
            // A handler that ends without answering (an interaction type the router does not serve) leaves nothing to send.
            await Task.WhenAny(initial.Response, handling).WaitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // Past the deadline, or Discord gave up on the request: the router's reply, if any, has nowhere to go.
        }
        if (!initial.Response.IsCompletedSuccessfully)
        {
            initial.Lost();
            Log.HttpInteractionUnanswered(logger, interaction.Id, interaction.Data?.Name ?? interaction.Data?.CustomId, ResponseDeadline.TotalSeconds);
            if (!http.RequestAborted.IsCancellationRequested)
            {
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
            return;
        }
        var written = false;
        try
        {
            await WriteJsonAsync(http, JsonSerializer.SerializeToUtf8Bytes(initial.Response.Result, DiscordJsonContext.Default.InteractionResponse));
            await http.Response.CompleteAsync();
            written = true;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // Discord closed the request first.
        }
        finally
        {
            // Whatever happened, the router's wait for its response ends here.
            if (written)
            {
                initial.Written();
            }
            else
            {
                initial.Lost();
            }
        }
    }

    private Interaction? Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, DiscordJsonContext.Default.Interaction) ?? throw new JsonException("The body is null.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // One line, no stack trace; InvalidOperationException: text that cannot be decoded (a lone surrogate escape).
            Log.HttpInteractionUnreadable(logger, e.Message);
            return null;
        }
    }

    /// <summary>The raw body, or null when it is over <see cref="MaxBodyBytes"/> (then read no further).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static Task WriteJsonAsync(HttpContext http, byte[] json)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = json.Length;
        return http.Response.Body.WriteAsync(json).AsTask();
    }
}
