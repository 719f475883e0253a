using System.Net;

namespace Livepeer.Media.Rtmp;

/// <summary>RTMP server settings. Every default lives here.</summary>
public sealed class RtmpServerOptions
{
    /// <summary>Address to bind. Default 127.0.0.1.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 picks a free one (see <see cref="RtmpServer.LocalEndPoint"/>). Default 1935.</summary>
    public int Port { get; init; } = 1935;

    /// <summary>Connections beyond this are closed on accept. Default 1000.</summary>
    public int MaxConnections { get; init; } = 1000;

    /// <summary>Connections from one IP address beyond this are closed on accept. Default 64.</summary>
    public int MaxConnectionsPerAddress { get; init; } = 64;

    /// <summary>Bytes one connection may hold in partly received messages (all its chunk streams together). Default 16 MiB.</summary>
    public long MaxBufferedBytesPerConnection { get; init; } = 16L * 1024 * 1024;

    /// <summary>Bytes all connections together may hold in partly received messages. Default 256 MiB.</summary>
    public long MaxBufferedBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// After the handshake, a connection must send at least this many bytes per second, averaged over
    /// <see cref="MinDataRateWindow"/>, or it is closed (a peer trickling bytes cannot hold a slot). Default 256 B/s.
    /// </summary>
    public int MinDataRate { get; init; } = 256;

    /// <summary>The window <see cref="MinDataRate"/> is measured over. Default 10 s.</summary>
    public TimeSpan MinDataRateWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest message a peer may announce. Default 8 MB.</summary>
    public int MaxMessageSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>Largest chunk size a peer may set. Default 16 MB.</summary>
    public int MaxChunkSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Distinct chunk streams a peer may use. Default 64.</summary>
    public int MaxChunkStreams { get; init; } = 64;

    /// <summary>Chunk size we send with (announced after connect). Default 4096.</summary>
    public int OutgoingChunkSize { get; init; } = 4096;

    /// <summary>Window acknowledgement size we announce. Default 2,500,000 bytes.</summary>
    public int WindowAcknowledgementSize { get; init; } = 2_500_000;

    /// <summary>Peer bandwidth we announce (dynamic limit). Default 2,500,000 bytes.</summary>
    public int PeerBandwidth { get; init; } = 2_500_000;

    /// <summary>Time allowed for the handshake. Default 10 s.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection that sends nothing for this long is closed. Default 30 s.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Seed for the handshake's random bytes (null: unpredictable).</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be 0..65535.");
        if (MaxConnections < 1) throw new ArgumentOutOfRangeException(nameof(MaxConnections), MaxConnections, "Must be at least 1.");
        if (MaxConnectionsPerAddress < 1) throw new ArgumentOutOfRangeException(nameof(MaxConnectionsPerAddress), MaxConnectionsPerAddress, "Must be at least 1.");
        if (MaxBufferedBytesPerConnection < MaxMessageSize) throw new ArgumentOutOfRangeException(nameof(MaxBufferedBytesPerConnection), MaxBufferedBytesPerConnection, "Must hold at least one message of MaxMessageSize.");
        if (MaxBufferedBytes < MaxBufferedBytesPerConnection) throw new ArgumentOutOfRangeException(nameof(MaxBufferedBytes), MaxBufferedBytes, "Must be at least MaxBufferedBytesPerConnection.");
        if (MinDataRate < 0 || MinDataRateWindow <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MinDataRate), "The minimum data rate must not be negative and its window must be positive.");
        if (MaxMessageSize is < 1024 or > 0xFFFFFF) throw new ArgumentOutOfRangeException(nameof(MaxMessageSize), MaxMessageSize, "Must be 1 KB..16 MB (the 24-bit length field).");
        if (MaxChunkSize < 128) throw new ArgumentOutOfRangeException(nameof(MaxChunkSize), MaxChunkSize, "Must be at least 128.");
        if (OutgoingChunkSize is < 128 or > 65536) throw new ArgumentOutOfRangeException(nameof(OutgoingChunkSize), OutgoingChunkSize, "Must be 128..65536.");
        if (HandshakeTimeout <= TimeSpan.Zero || IdleTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(IdleTimeout), "Timeouts must be positive.");
    }
}
