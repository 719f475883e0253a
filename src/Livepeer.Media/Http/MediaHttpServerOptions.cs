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

    /// <summary>Throws <see cref="ArgumentException"/> naming the invalid setting.</summary>
    public void Validate()
    {
        if (!IPAddress.TryParse(Address, out var ip))
            throw new ArgumentException($"Address \"{Address}\" is not an IP address; use 127.0.0.1.", nameof(Address));
        if (!IPAddress.IsLoopback(ip) && !AllowRemote)
            throw new ArgumentException($"Address {Address} is not loopback; set AllowRemote to expose the media server beyond this machine.", nameof(Address));
        if (Port is < 0 or > 65535) throw new ArgumentException($"Port {Port} is out of range 0..65535.", nameof(Port));
        if (MaxPushBytes is < 1024 or > 1L << 32) throw new ArgumentException("MaxPushBytes must be between 1 KiB and 4 GiB.", nameof(MaxPushBytes));
    }
}
