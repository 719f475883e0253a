using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Livepeer.Wire.Messages;

namespace Livepeer.Wire.Auth;

/// <summary>Why an auth token was refused, or that it is valid.</summary>
public enum AuthTokenStatus
{
    /// <summary>Issued by us and not expired.</summary>
    Valid,
    /// <summary>No token, or one with an empty session id or a token of the wrong length.</summary>
    Malformed,
    /// <summary>The MAC does not match: forged, tampered, or issued with another secret.</summary>
    Forged,
    /// <summary>Past its expiration.</summary>
    Expired,
}

/// <summary>
/// Issues and checks the orchestrator's session auth tokens: token = HMAC-SHA256(secret, sessionId | expiration as
/// 8 bytes big-endian), valid for <see cref="Lifetime"/> (30 minutes by default).
/// </summary>
public sealed class AuthTokenIssuer
{
    private readonly byte[] _secret;
    private readonly TimeProvider _time;

    /// <summary>Creates an issuer with a secret of at least 16 bytes.</summary>
    public AuthTokenIssuer(ReadOnlySpan<byte> secret, TimeProvider time, TimeSpan? lifetime = null)
    {
        if (secret.Length < 16) throw new ArgumentException("The auth token secret must be at least 16 bytes.", nameof(secret));
        _secret = secret.ToArray();
        _time = time;
        Lifetime = lifetime ?? TimeSpan.FromMinutes(30);
    }

    /// <summary>How long a token stays valid.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>A token for a session, expiring <see cref="Lifetime"/> from now.</summary>
    public AuthToken Issue(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var expiration = (_time.GetUtcNow() + Lifetime).ToUnixTimeSeconds();
        return new AuthToken { SessionId = sessionId, Expiration = expiration, Token = ByteString.CopyFrom(Mac(sessionId, expiration)) };
    }

    /// <summary>Checks a token presented by a broadcaster.</summary>
    public AuthTokenStatus Check(AuthToken? token)
    {
        if (token is null || string.IsNullOrEmpty(token.SessionId) || token.Token.Length != 32) return AuthTokenStatus.Malformed;
        var expected = Mac(token.SessionId, token.Expiration);
        if (!CryptographicOperations.FixedTimeEquals(expected, token.Token.Span)) return AuthTokenStatus.Forged;
        return _time.GetUtcNow().ToUnixTimeSeconds() >= token.Expiration ? AuthTokenStatus.Expired : AuthTokenStatus.Valid;
    }

    private byte[] Mac(string sessionId, long expiration)
    {
        var id = Encoding.UTF8.GetBytes(sessionId);
        var message = new byte[id.Length + 8];
        id.CopyTo(message, 0);
        BinaryPrimitives.WriteInt64BigEndian(message.AsSpan(id.Length), expiration);
        return HMACSHA256.HashData(_secret, message);
    }
}
