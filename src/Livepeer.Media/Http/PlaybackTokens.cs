using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Livepeer.Media.Http;

/// <summary>What <see cref="PlaybackTokens.Check"/> found.</summary>
public enum PlaybackTokenCheck
{
    /// <summary>Signed for this playback id and not expired.</summary>
    Valid,
    /// <summary>No token was given.</summary>
    Missing,
    /// <summary>Not of the form expiry.signature.</summary>
    Malformed,
    /// <summary>The signature does not match (another key, another playback id, or an edited expiry).</summary>
    BadSignature,
    /// <summary>Correctly signed, but its expiry has passed.</summary>
    Expired,
}

/// <summary>
/// Signed, expiring playback tokens: <c>{expiry}.{base64url(HMAC-SHA256(key, playbackId + "\n" + expiry))}</c>, expiry in
/// unix seconds. A token binds the public playback id (never the secret stream key), so an app backend that holds the key
/// can mint one per viewer with any HMAC library.
/// </summary>
public sealed class PlaybackTokens
{
    /// <summary>The shortest key accepted: a full HMAC-SHA256 block of entropy is 32 bytes.</summary>
    public const int MinKeyBytes = 32;

    private const int SignatureChars = 43;
    private static readonly SearchValues<char> Base64UrlChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <summary>Uses <paramref name="key"/> (at least <see cref="MinKeyBytes"/> bytes) and the clock <paramref name="time"/>.</summary>
    public PlaybackTokens(ReadOnlySpan<byte> key, TimeProvider? time = null)
    {
        if (key.Length < MinKeyBytes)
            throw new ArgumentException($"The playback key is {key.Length} bytes; it must be at least {MinKeyBytes} (e.g. openssl rand -hex 32).", nameof(key));
        _key = key.ToArray();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// The key in a file: its bytes, with trailing whitespace (the newline an editor or <c>openssl rand -hex 32 &gt; FILE</c>
    /// leaves) removed, so minting and checking agree however the file was written.
    /// </summary>
    public static byte[] ReadKeyFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var end = bytes.Length;
        while (end > 0 && bytes[end - 1] is (byte)'\n' or (byte)'\r' or (byte)' ' or (byte)'\t') end--;
        return bytes[..end];
    }

    /// <summary>A token for <paramref name="playbackId"/> valid until <paramref name="expires"/> (rounded down to the second).</summary>
    public string Mint(string playbackId, DateTimeOffset expires)
    {
        var expiry = expires.ToUnixTimeSeconds();
        return expiry.ToString(CultureInfo.InvariantCulture) + "." + Base64Url.EncodeToString(Sign(playbackId, expiry));
    }

    /// <summary>A token for <paramref name="playbackId"/> valid for <paramref name="ttl"/> from now.</summary>
    public string Mint(string playbackId, TimeSpan ttl) => Mint(playbackId, _time.GetUtcNow() + ttl);

    /// <summary>Checks <paramref name="token"/> for <paramref name="playbackId"/> against the clock; the signature is compared in constant time.</summary>
    public PlaybackTokenCheck Check(string playbackId, string? token)
    {
        if (string.IsNullOrEmpty(token)) return PlaybackTokenCheck.Missing;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)) return PlaybackTokenCheck.Malformed;
        // Exactly the 43 unpadded base64url characters of a SHA-256 MAC: decoders skip whitespace, and a token is echoed into playlists.
        var signature = token.AsSpan(dot + 1);
        if (signature.Length != SignatureChars || signature.ContainsAnyExcept(Base64UrlChars)) return PlaybackTokenCheck.Malformed;
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Base64Url.TryDecodeFromChars(signature, given, out var written) || written != given.Length) return PlaybackTokenCheck.Malformed;
        // The expiry's text is what was signed: "0012" and "12" differ, so a re-written number fails the signature.
        if (!CryptographicOperations.FixedTimeEquals(given, Sign(playbackId, token.AsSpan(0, dot)))) return PlaybackTokenCheck.BadSignature;
        return _time.GetUtcNow().ToUnixTimeSeconds() < expiry ? PlaybackTokenCheck.Valid : PlaybackTokenCheck.Expired;
    }

    private byte[] Sign(string playbackId, long expiry) => Sign(playbackId, expiry.ToString(CultureInfo.InvariantCulture));

    private byte[] Sign(string playbackId, ReadOnlySpan<char> expiry) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(string.Concat(playbackId, "\n", expiry)));
}
