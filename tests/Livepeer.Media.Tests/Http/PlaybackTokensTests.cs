using System.Security.Cryptography;
using System.Text;
using Livepeer.Media.Http;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Media.Tests.Http;

/// <summary>Playback tokens: bound to one playback id and an expiry, checked against an injected clock, any edit refused.</summary>
public sealed class PlaybackTokensTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    [Fact]
    public void AMintedTokenIsValidForItsStreamUntilItExpires()
    {
        var tokens = new PlaybackTokens(Key, _time);
        var token = tokens.Mint("show", TimeSpan.FromMinutes(10));
        Assert.StartsWith("1800000600.", token, StringComparison.Ordinal);
        Assert.Equal(PlaybackTokenCheck.Valid, tokens.Check("show", token));
        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Equal(PlaybackTokenCheck.Valid, tokens.Check("show", token));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(PlaybackTokenCheck.Expired, tokens.Check("show", token));
    }

    [Fact]
    public void TheFormatIsExpiryDotBase64UrlHmacOfIdNewlineExpiry()
    {
        // What an app backend in any language computes with the same key.
        var expected = "1800000060." + Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("show\n1800000060"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(expected, new PlaybackTokens(Key, _time).Mint("show", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void AnotherStreamAnotherKeyOrAnEditedTokenIsRefused()
    {
        var tokens = new PlaybackTokens(Key, _time);
        var token = tokens.Mint("show", TimeSpan.FromHours(1));
        Assert.Equal(PlaybackTokenCheck.BadSignature, tokens.Check("other", token));
        Assert.Equal(PlaybackTokenCheck.BadSignature, new PlaybackTokens(Key.Reverse().ToArray(), _time).Check("show", token));
        // A later expiry with the old signature, and the same number written differently.
        var (expiry, signature) = (token[..token.IndexOf('.', StringComparison.Ordinal)], token[(token.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(PlaybackTokenCheck.BadSignature, tokens.Check("show", $"{long.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture) + 3600}.{signature}"));
        Assert.Equal(PlaybackTokenCheck.BadSignature, tokens.Check("show", $"0{expiry}.{signature}"));
        var flipped = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
        Assert.Equal(PlaybackTokenCheck.BadSignature, tokens.Check("show", $"{expiry}.{flipped}"));
    }

    [Theory]
    [InlineData(null, PlaybackTokenCheck.Missing)]
    [InlineData("", PlaybackTokenCheck.Missing)]
    [InlineData("nonsense", PlaybackTokenCheck.Malformed)]
    [InlineData(".abc", PlaybackTokenCheck.Malformed)]
    [InlineData("-5.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", PlaybackTokenCheck.Malformed)]
    [InlineData("1900000000.short", PlaybackTokenCheck.Malformed)]
    [InlineData("1900000000.AAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAAA", PlaybackTokenCheck.Malformed)]
    [InlineData("1900000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", PlaybackTokenCheck.BadSignature)]
    public void WhatIsNotASignedTokenIsNamed(string? token, PlaybackTokenCheck expected) =>
        Assert.Equal(expected, new PlaybackTokens(Key, _time).Check("show", token));

    [Fact]
    public void AShortKeyIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new PlaybackTokens(new byte[31]));
        Assert.Contains("at least 32", e.Message, StringComparison.Ordinal);
        _ = new PlaybackTokens(new byte[32]);
    }

    [Fact]
    public void AKeyFileLosesItsTrailingNewline()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Encoding.ASCII.GetString(Key) + "\r\n");
            Assert.Equal(Key, PlaybackTokens.ReadKeyFile(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void PlaylistsCarryTheTokenOnEveryUri()
    {
        const string master = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nh90/index.m3u8\n#EXT-X-MEDIA:TYPE=AUDIO,URI=\"audio/index.m3u8\"\n";
        Assert.Equal("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nh90/index.m3u8?token=T\n#EXT-X-MEDIA:TYPE=AUDIO,URI=\"audio/index.m3u8?token=T\"\n",
            PlaylistTokens.RewriteHls(master, "T"));
        const string media = "#EXTM3U\n#EXT-X-MAP:URI=\"init0.mp4\"\n#EXTINF:2.000,\n0.m4s?x=1\n#EXT-X-ENDLIST\n";
        Assert.Equal("#EXTM3U\n#EXT-X-MAP:URI=\"init0.mp4?token=T\"\n#EXTINF:2.000,\n0.m4s?x=1&token=T\n#EXT-X-ENDLIST\n", PlaylistTokens.RewriteHls(media, "T"));
        const string mpd = "<SegmentTemplate timescale=\"90000\" initialization=\"$RepresentationID$/init.mp4\" media=\"$RepresentationID$/$Number$.m4s\" startNumber=\"0\"><BaseURL>a/b.mp4</BaseURL>";
        Assert.Equal("<SegmentTemplate timescale=\"90000\" initialization=\"$RepresentationID$/init.mp4?token=T\" media=\"$RepresentationID$/$Number$.m4s?token=T\" startNumber=\"0\"><BaseURL>a/b.mp4?token=T</BaseURL>",
            PlaylistTokens.RewriteMpd(mpd, "T"));
    }
}
