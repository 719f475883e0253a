using Livepeer.Media.Amf;

namespace Livepeer.Media.Rtmp;

/// <summary>
/// Receives one published stream's messages in order. Calls are sequential (never concurrent). An exception thrown
/// here ends the publisher's connection. <see cref="EndAsync"/> is called exactly once.
/// </summary>
public interface IRtmpPublishSession
{
    /// <summary>@setDataFrame/onMetaData from the publisher.</summary>
    ValueTask OnMetaDataAsync(AmfObject metadata, CancellationToken cancellationToken);

    /// <summary>An audio message (FLV audio tag body) with its millisecond timestamp.</summary>
    ValueTask OnAudioAsync(uint timestamp, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    /// <summary>A video message (FLV video tag body) with its millisecond timestamp.</summary>
    ValueTask OnVideoAsync(uint timestamp, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    /// <summary>The stream ended: unpublished cleanly (error null) or the connection failed.</summary>
    ValueTask EndAsync(Exception? error);
}
