using System.Globalization;
using Microsoft.Extensions.Options;

namespace MlePrep.Bot.Interactions.Http;

/// <summary>How Discord delivers interactions: over the gateway connection, or as HTTP POSTs to this process.</summary>
public enum InteractionsMode
{
    /// <summary>INTERACTION_CREATE on the gateway (the default: no public URL needed).</summary>
    Gateway,

    /// <summary>Signed POSTs to the application's Interactions Endpoint URL; no gateway connection.</summary>
    Http,
}

/// <summary>The <c>Interactions</c> section.</summary>
public sealed class InteractionsOptions
{
    public const string SectionName = "Interactions";

    /// <summary>The endpoint's path under <see cref="Url"/>.</summary>
    public const string EndpointPath = "/interactions";

    public InteractionsMode Mode { get; set; } = InteractionsMode.Gateway;

    /// <summary>The application's public key (Developer Portal → General Information), 64 hex characters.</summary>
    public string? PublicKey { get; set; }

    /// <summary>Where to listen in Http mode: an http URL with a host and port, no path (a reverse proxy terminates TLS).</summary>
    public Uri Url { get; set; } = new("http://0.0.0.0:8080");

    /// <summary>Read before the host is built: Http mode leaves the gateway out. An unknown mode is reported by the validator.</summary>
    public static bool IsHttp(IConfiguration configuration) =>
        string.Equals(configuration[$"{SectionName}:{nameof(Mode)}"], nameof(InteractionsMode.Http), StringComparison.OrdinalIgnoreCase);

    /// <summary>The public key's 32 bytes, or null when it is not 64 hex characters.</summary>
    public static byte[]? ParsePublicKey(string? hex) =>
        hex is { Length: 64 } && hex.All(char.IsAsciiHexDigit) ? Convert.FromHexString(hex) : null;
}

/// <summary>One plain sentence per mistake, naming the environment variable to set.</summary>
internal sealed class InteractionsOptionsValidator : IValidateOptions<InteractionsOptions>
{
    public ValidateOptionsResult Validate(string? name, InteractionsOptions options)
    {
        if (options.Mode != InteractionsMode.Http)
        {
            return ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.PublicKey))
        {
            failures.Add("Interactions:PublicKey is not set, and Interactions:Mode is Http. Set Interactions__PublicKey to your application's public key (Developer Portal → your application → General Information → Public Key).");
        }
        else if (InteractionsOptions.ParsePublicKey(options.PublicKey) is not { } key)
        {
            failures.Add($"Interactions:PublicKey must be the application's public key: 64 hexadecimal characters, not {options.PublicKey.Length} characters{(options.PublicKey.All(char.IsAsciiHexDigit) ? "" : " with non-hex ones")}.");
        }
        else if (!InteractionSignature.IsValidKey(key))
        {
            failures.Add("Interactions:PublicKey is 64 hexadecimal characters but not an Ed25519 public key; copy it again from the Developer Portal (General Information → Public Key).");
        }
        if (UrlProblem(options.Url) is { } problem)
        {
            failures.Add(problem);
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Kestrel listens on plain http: Discord requires https, which a reverse proxy in front of the bot terminates.
    private static string? UrlProblem(Uri? url) => url switch
    {
        null or { IsAbsoluteUri: false } => $"Interactions:Url must be an absolute http URL such as http://0.0.0.0:8080, not '{url}'.",
        { Scheme: not "http" } => $"Interactions:Url must use http (the bot listens behind a reverse proxy that terminates TLS), not {url.Scheme}.",
        { HostNameType: not (UriHostNameType.IPv4 or UriHostNameType.IPv6), IsLoopback: false } =>
            $"Interactions:Url's host must be an IP address to listen on (0.0.0.0 for every interface) or localhost, not '{url.Host}'.",
        { AbsolutePath: not "/" } => string.Create(CultureInfo.InvariantCulture,
            $"Interactions:Url is where to listen (scheme, host, port) and takes no path: the endpoint is always {InteractionsOptions.EndpointPath}; remove '{url.AbsolutePath}'."),
        _ => null,
    };
}
