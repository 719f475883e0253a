using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Orchestrator.Transcoders;

/// <summary>The remote transcoder pool's log lines (event ids 3320-3339 of the orchestrator's 3200-3399).</summary>
internal static partial class TranscoderPoolLog
{
    [LoggerMessage(EventId = 3320, Level = LogLevel.Information, Message = "Transcoder {Id} registered from {Peer} with capacity {Capacity}")] public static partial void Registered(this ILogger logger, long id, string peer, int capacity);
    [LoggerMessage(EventId = 3321, Level = LogLevel.Information, Message = "Transcoder {Id} ({Peer}) left the pool: {Reason}")] public static partial void Left(this ILogger logger, long id, string peer, string reason);
    [LoggerMessage(EventId = 3322, Level = LogLevel.Warning, Message = "Segment {Manifest}/{Seq} failed on transcoder {Id}: {Message}; moving it")] public static partial void SegmentMoved(this ILogger logger, string manifest, long seq, long id, string message);
    [LoggerMessage(EventId = 3323, Level = LogLevel.Debug, Message = "Segment {Manifest}/{Seq} is task {Task} on transcoder {Id}")] public static partial void SegmentAssigned(this ILogger logger, string manifest, long seq, long task, long id);
    [LoggerMessage(EventId = 3324, Level = LogLevel.Debug, Message = "Session {Session} ended; told {Count} transcoders")] public static partial void SessionEnded(this ILogger logger, string session, int count);
    [LoggerMessage(EventId = 3325, Level = LogLevel.Warning, Message = "Transcoder registration from {Peer} refused: wrong secret")] public static partial void WrongSecret(this ILogger logger, string peer);
    [LoggerMessage(EventId = 3326, Level = LogLevel.Information, Message = "Transcoder {Id} stream broke: {Message}")] public static partial void StreamBroke(this ILogger logger, long id, string message);
}
