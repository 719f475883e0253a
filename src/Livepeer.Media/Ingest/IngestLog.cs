using System.Net;
using Microsoft.Extensions.Logging;

namespace Livepeer.Media.Ingest;

/// <summary>Live ingest's log lines (event ids 2100-2199).</summary>
internal static partial class IngestLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Publisher of {App}/{Stream} from {Remote} refused: {Reason}")] public static partial void PublisherRefused(this ILogger logger, string app, string stream, EndPoint? remote, string reason);
    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Stream {Stream} metadata: {Width}x{Height} video codec {VideoCodec}, audio codec {AudioCodec}")] public static partial void StreamMetadata(this ILogger logger, string stream, double? width, double? height, object? videoCodec, object? audioCodec);
    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Stream {Stream} ended after {Segments} segments{Error}")] public static partial void StreamEnded(this ILogger logger, string stream, long segments, string error);
    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Stream {Stream} carried {Codec}, which was skipped (only H.264, HEVC and AAC are carried)")] public static partial void CodecSkipped(this ILogger logger, string stream, string codec);
}
