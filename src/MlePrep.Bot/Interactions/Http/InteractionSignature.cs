using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace MlePrep.Bot.Interactions.Http;

/// <summary>What <see cref="InteractionSignature.Check"/> found; anything but <see cref="Valid"/> is answered 401.</summary>
public enum SignatureCheck
{
    Valid,
    Missing,
    Malformed,
    Invalid,
    Stale,
}

/// <summary>
/// Discord's request signature: Ed25519 over <c>X-Signature-Timestamp</c> followed by the raw body, with the
/// application's public key. Discord documents no freshness window; a request signed more than <see cref="MaxAge"/>
/// ago is refused as a replay. A timestamp ahead of our clock is only clock skew: Discord signs with its own now.
/// </summary>
public sealed class InteractionSignature
{
    /// <summary>How old a signature's timestamp may be.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly PublicKey _key;
    private readonly TimeProvider _clock;

    /// <param name="publicKey">The application's public key, 32 bytes.</param>
    /// <param name="discordClock">Discord's clock: the timestamp is Discord's, in Unix seconds.</param>
    public InteractionSignature(ReadOnlySpan<byte> publicKey, TimeProvider discordClock)
    {
        _key = PublicKey.Import(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey);
        _clock = discordClock;
    }

    /// <summary>True when the 32 bytes are a key Ed25519 accepts.</summary>
    public static bool IsValidKey(ReadOnlySpan<byte> publicKey) =>
        PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out _);

    /// <summary>Checks the two headers against the body's bytes, before anything reads the body.</summary>
    public SignatureCheck Check(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(timestamp))
        {
            return SignatureCheck.Missing;
        }
        if (signatureHex.Length != 2 * SignatureAlgorithm.Ed25519.SignatureSize || !signatureHex.All(char.IsAsciiHexDigit)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.Malformed;
        }
        var signed = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var prefix = Encoding.UTF8.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(prefix));
        if (!SignatureAlgorithm.Ed25519.Verify(_key, signed, Convert.FromHexString(signatureHex)))
        {
            return SignatureCheck.Invalid;
        }
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        return now - seconds > (long)MaxAge.TotalSeconds ? SignatureCheck.Stale : SignatureCheck.Valid;
    }
}
