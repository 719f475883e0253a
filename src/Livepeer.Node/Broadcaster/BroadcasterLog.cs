using Livepeer.Core;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Broadcaster;

/// <summary>The broadcaster's log lines (event ids 3000-3199).</summary>
internal static partial class BroadcasterLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Broadcaster {Address}: RTMP on {Rtmp}, HTTP on {Http}")] public static partial void BroadcasterStarted(this ILogger logger, Address address, int rtmp, Uri http);
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Media server: RTMP on {Rtmp}, HTTP on {Http}")] public static partial void MediaServerStarted(this ILogger logger, int rtmp, Uri http);
    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Ladder set to {Ladder}")] public static partial void LadderSet(this ILogger logger, string ladder);
    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Stream {Stream} falls behind ({Reason}): its ladder leaves out {Dropped} for now")] public static partial void StreamFallsBehind(this ILogger logger, string stream, string? reason, string dropped);
    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Stream {Stream} keeps up again: its ladder leaves out [{Dropped}]")] public static partial void StreamKeepsUp(this ILogger logger, string stream, string dropped);
    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Stream {Stream} started")] public static partial void StreamStarted(this ILogger logger, string stream);
    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Segment {Stream}/{Seq} plays source-only ({Reason}): {Message}")] public static partial void SegmentSourceOnly(this ILogger logger, string stream, long seq, string reason, string message);
    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Stream {Stream} ended{Error}")] public static partial void StreamEnded(this ILogger logger, string stream, string error);
    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "Segment {Stream}/{Seq} failed on {Orchestrator} ({Reason}): {Message}")] public static partial void SegmentFailedOn(this ILogger logger, string stream, long seq, Address orchestrator, string reason, string message);
    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "Orchestrator {Orchestrator} ({Uri}) speaks go-livepeer's wire only: its results carry no segment claim, so they are checked by go's signature alone, without verification or slashing evidence")] public static partial void GoWireOnly(this ILogger logger, Address orchestrator, Uri uri);
    [LoggerMessage(EventId = 3022, Level = LogLevel.Warning, Message = "Deposit unknown ({Message}): ticket face values are not checked against it for this session")] public static partial void DepositUnknown(this ILogger logger, string message);
    [LoggerMessage(EventId = 3023, Level = LogLevel.Information, Message = "Ending the session at {Orchestrator} failed ({Message}); it ends there when idle")] public static partial void EndSessionFailed(this ILogger logger, Address orchestrator, string message);
    [LoggerMessage(EventId = 3040, Level = LogLevel.Information, Message = "Serving the saved playlist of stream {Stream} until its publisher returns")] public static partial void ServingSavedPlaylist(this ILogger logger, string stream);
    [LoggerMessage(EventId = 3041, Level = LogLevel.Warning, Message = "Could not save live playlists to {Directory}: {Message}")] public static partial void PlaylistsNotSaved(this ILogger logger, string directory, string message);
    [LoggerMessage(EventId = 3060, Level = LogLevel.Error, Message = "Publisher refused: {Reason}")] public static partial void PublisherRefused(this ILogger logger, string reason);
}
