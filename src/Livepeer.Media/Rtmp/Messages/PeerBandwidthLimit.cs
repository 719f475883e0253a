namespace Livepeer.Media.Rtmp.Messages;

/// <summary>The limit type of Set Peer Bandwidth (RTMP 1.0 section 5.4.5).</summary>
public enum PeerBandwidthLimit : byte
{
    /// <summary>Limit the output bandwidth to the window.</summary>
    Hard = 0,
    /// <summary>Limit to the window or the limit in effect, whichever is smaller.</summary>
    Soft = 1,
    /// <summary>Hard if the previous limit was hard, else ignored.</summary>
    Dynamic = 2,
}
