namespace Livepeer.Media.Rtmp;

/// <summary>Where a publisher connection is: the commands it may send next depend on it.</summary>
internal enum RtmpConnectionState
{
    /// <summary>Handshake done, no connect yet: only connect (and streamless commands) make sense.</summary>
    AwaitingConnect,
    /// <summary>connect answered: createStream and publish are accepted.</summary>
    Connected,
    /// <summary>A refusal or a play request was answered; the connection ends after the current read.</summary>
    Closing,
}
