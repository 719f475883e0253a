using Google.Protobuf;
using Livepeer.Wire.Auth;
using Livepeer.Wire.Messages;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Wire.Tests;

public class AuthTokenTests
{
    private static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void IssuedTokenIsValidUntilItExpires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var issuer = new AuthTokenIssuer(Secret, time);
        var token = issuer.Issue("session-1");
        Assert.Equal(1_700_000_000 + 30 * 60, token.Expiration);
        Assert.Equal(AuthTokenStatus.Valid, issuer.Check(token));
        time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.Equal(AuthTokenStatus.Valid, issuer.Check(token));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(AuthTokenStatus.Expired, issuer.Check(token));
    }

    [Fact]
    public void ForgedOrTamperedTokensAreRefused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var issuer = new AuthTokenIssuer(Secret, time);
        var token = issuer.Issue("session-1");

        Assert.Equal(AuthTokenStatus.Forged, issuer.Check(new AuthToken(token) { SessionId = "session-2" }));
        Assert.Equal(AuthTokenStatus.Forged, issuer.Check(new AuthToken(token) { Expiration = token.Expiration + 3600 }));
        var flipped = token.Token.ToByteArray();
        flipped[0] ^= 1;
        Assert.Equal(AuthTokenStatus.Forged, issuer.Check(new AuthToken(token) { Token = ByteString.CopyFrom(flipped) }));
        var other = new AuthTokenIssuer(Enumerable.Repeat((byte)9, 32).ToArray(), time);
        Assert.Equal(AuthTokenStatus.Forged, other.Check(token));
    }

    [Fact]
    public void MalformedTokensAreRefused()
    {
        var issuer = new AuthTokenIssuer(Secret, TimeProvider.System);
        Assert.Equal(AuthTokenStatus.Malformed, issuer.Check(null));
        Assert.Equal(AuthTokenStatus.Malformed, issuer.Check(new AuthToken()));
        Assert.Equal(AuthTokenStatus.Malformed, issuer.Check(new AuthToken { SessionId = "s", Token = ByteString.CopyFrom(1, 2) }));
        Assert.Throws<ArgumentException>(() => new AuthTokenIssuer(new byte[8], TimeProvider.System));
    }
}
