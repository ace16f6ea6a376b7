using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlePrep.Discord.Emulator.Rest;
using NSec.Cryptography;

namespace MlePrep.Discord.Emulator.Http;

/// <summary>What one POST to the bot's interactions endpoint brought back.</summary>
/// <param name="Url">The endpoint that served it.</param>
/// <param name="InteractionId">The interaction (0 for the PINGs sent when the URL is saved).</param>
/// <param name="Status">The HTTP status (0: no answer, see <paramref name="Error"/>).</param>
/// <param name="ContentType">The response's Content-Type.</param>
/// <param name="Body">The response body.</param>
/// <param name="Error">Why the body was not accepted as the initial response (Discord's error JSON), or why the request failed; null when accepted.</param>
public sealed record HttpDelivery(Uri Url, ulong InteractionId, int Status, string? ContentType, string Body, string? Error);

/// <summary>
/// Interactions over HTTP, as Discord sends them to an Interactions Endpoint URL: each signed with this emulator's own
/// Ed25519 key (<see cref="PublicKey"/> is what the bot is configured with), POSTed to the endpoints in turn like a load
/// balancer, and the response body taken as the initial response, checked exactly as the callback endpoint checks one.
/// </summary>
public sealed class EmulatorHttpInteractions : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly EmulatorOptions _options;
    private readonly EmulatorRest _rest;
    private readonly Lock _lock = new();
    private readonly List<HttpDelivery> _deliveries = [];
    private readonly Waiters<HttpDelivery> _delivered = new();
    private Uri[] _urls = [];
    private int _next;

    internal EmulatorHttpInteractions(EmulatorOptions options, EmulatorRest rest)
    {
        _options = options;
        _rest = rest;
        PublicKey = Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The application's public key, 64 hex characters: the bot's <c>Interactions:PublicKey</c>.</summary>
    public string PublicKey { get; }

    /// <summary>True once an endpoint URL is saved: interactions are POSTed, not dispatched on the gateway.</summary>
    public bool Enabled => Volatile.Read(ref _urls).Length > 0;

    /// <summary>Every POST so far and what it brought back, oldest first.</summary>
    public IReadOnlyList<HttpDelivery> Deliveries
    {
        get
        {
            lock (_lock)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>
    /// Saves the endpoint URL(s), checking each as the Developer Portal does: a badly signed PING must get 401, a
    /// signed one 200 with <c>{"type":1}</c> as JSON. Interactions then go to the URLs in turn.
    /// </summary>
    /// <exception cref="InvalidOperationException">An endpoint failed the check (the message says how); nothing is saved.</exception>
    public async Task UseEndpointsAsync(IReadOnlyList<Uri> urls, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(urls.Count);
        foreach (var url in urls)
        {
            var ping = $$"""{"id":"{{InteractionSpec.Id(_options.ApplicationId + 1)}}","application_id":"{{InteractionSpec.Id(_options.ApplicationId)}}","type":1,"token":"ping-token","version":1}""";
            var forged = await PostAsync(url, ping, Timestamp(), new string('0', 128), 0, ct);
            if (forged.Status != (int)HttpStatusCode.Unauthorized)
            {
                throw new InvalidOperationException($"{url} answered a PING with a bad signature with {forged.Status}, not 401: Discord would refuse to save this URL.");
            }
            var signed = await PostAsync(url, ping, null, null, 0, ct);
            if (signed.Status != (int)HttpStatusCode.OK || signed.ContentType != "application/json" || !IsPong(signed.Body))
            {
                throw new InvalidOperationException($"{url} answered a signed PING with {signed.Status} {signed.ContentType} '{signed.Body}', not 200 application/json {{\"type\":1}}.");
            }
        }
        Volatile.Write(ref _urls, [.. urls]);
    }

    /// <summary>Waits for a POST's outcome that matches, recorded already or later.</summary>
    public Task<HttpDelivery> WaitForDeliveryAsync(Func<HttpDelivery, bool> match, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return _delivered.WaitAsync(match, [.. _deliveries], ct);
        }
    }

    /// <summary>The signature Discord would send for <paramref name="timestamp"/> and <paramref name="body"/>, as hex.</summary>
    public string Sign(string timestamp, string body) =>
        Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(timestamp + body)));

    /// <summary>Now on the emulator's clock, in Unix seconds: an <c>X-Signature-Timestamp</c>.</summary>
    public string Timestamp() => _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _http.Dispose();
        _key.Dispose();
    }

    /// <summary>POSTs the interaction to the next endpoint in the background; the outcome lands in <see cref="Deliveries"/>.</summary>
    internal void Deliver(InjectedInteraction injected)
    {
        var urls = Volatile.Read(ref _urls);
        var url = urls[(int)((uint)Interlocked.Increment(ref _next) % (uint)urls.Length)];
        _ = Task.Run(async () =>
        {
            // Discord stops waiting after its 3 s deadline.
            using var deadline = new CancellationTokenSource(_options.InteractionDeadline, _options.TimeProvider);
            var response = await PostAsync(url, injected.Json, null, null, injected.Id, deadline.Token);
            if (response.Status == (int)HttpStatusCode.OK)
            {
                var (status, error) = _rest.AcceptResponseBody(injected, response.Body);
                response = response with { Error = status >= 400 ? error?.ToJsonString() ?? status.ToString(CultureInfo.InvariantCulture) : null };
            }
            else if (response is { Status: (int)HttpStatusCode.Accepted, Body: "" })
            {
                // Documented too: the bot answered through the callback endpoint and acknowledges the POST with 202.
                response = response with { Error = null };
            }
            Record(response);
        });
    }

    private static bool IsPong(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject { Count: 1 } pong && pong["type"] is JsonValue type && type.TryGetValue<int>(out var value) && value == 1;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<HttpDelivery> PostAsync(Uri url, string body, string? timestamp, string? signature, ulong interactionId, CancellationToken ct)
    {
        timestamp ??= Timestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Signature-Ed25519", signature ?? Sign(timestamp, body));
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.UserAgent.ParseAdd("Discord-Interactions/1.0 (+https://discord.com)");
        try
        {
            using var response = await _http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            return new HttpDelivery(url, interactionId, status, response.Content.Headers.ContentType?.ToString(), text, status is 200 or 202 ? null : $"HTTP {status}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return new HttpDelivery(url, interactionId, 0, null, "", e is OperationCanceledException ? "no response within the deadline" : e.Message);
        }
    }

    private void Record(HttpDelivery delivery)
    {
        lock (_lock)
        {
            _deliveries.Add(delivery);
            _delivered.Publish(delivery);
        }
    }
}
