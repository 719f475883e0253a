using System.Net;

namespace Livepeer.Media.Http;

/// <summary>Where and how the media HTTP server listens; <see cref="Validate"/> says what is wrong.</summary>
public sealed class MediaHttpServerOptions
{
    /// <summary>Listen address (default 127.0.0.1).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Listen port (default 8935, the broadcaster HTTP port; 0 picks a free port).</summary>
    public int Port { get; set; } = 8935;

    /// <summary>Must be true to listen on a non-loopback address.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>Largest accepted pushed segment (default 64 MiB).</summary>
    public long MaxPushBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Connections open at once, all addresses together (default 4096).</summary>
    public int MaxConnections { get; set; } = 4096;

    /// <summary>Connections open at once from one IP address; more are closed on accept (default 64: players open a few each).</summary>
    public int MaxConnectionsPerAddress { get; set; } = 64;

    /// <summary>A request body (a pushed segment) must arrive at least this fast, after a 5 s grace, or the request is aborted (default 1024 B/s).</summary>
    public int MinRequestBodyBytesPerSecond { get; set; } = 1024;

    /// <summary>Time allowed to send a request's headers (default 10 s).</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An idle keep-alive connection is closed after this long (default 30 s).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Playback protection: when set, every request under /hls/{stream}/, /dash/{stream}/ and /recordings/{stream}/ needs a
    /// token for {stream} minted with the same key (null: anyone who knows the playback id may watch).
    /// </summary>
    public PlaybackTokens? PlaybackTokens { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the invalid setting.</summary>
    public void Validate()
    {
        if (!IPAddress.TryParse(Address, out var ip))
            throw new ArgumentException($"Address \"{Address}\" is not an IP address; use 127.0.0.1.", nameof(Address));
        if (!IPAddress.IsLoopback(ip) && !AllowRemote)
            throw new ArgumentException($"Address {Address} is not loopback; set AllowRemote to expose the media server beyond this machine.", nameof(Address));
        if (Port is < 0 or > 65535) throw new ArgumentException($"Port {Port} is out of range 0..65535.", nameof(Port));
        if (MaxConnections < 1 || MaxConnectionsPerAddress < 1) throw new ArgumentException("MaxConnections and MaxConnectionsPerAddress must be at least 1.", nameof(MaxConnections));
        if (MinRequestBodyBytesPerSecond < 1) throw new ArgumentException("MinRequestBodyBytesPerSecond must be at least 1.", nameof(MinRequestBodyBytesPerSecond));
        if (RequestHeadersTimeout <= TimeSpan.Zero || KeepAliveTimeout <= TimeSpan.Zero) throw new ArgumentException("Timeouts must be positive.", nameof(RequestHeadersTimeout));
        if (MaxPushBytes is < 1024 or > 1L << 32) throw new ArgumentException("MaxPushBytes must be between 1 KiB and 4 GiB.", nameof(MaxPushBytes));
    }
}
