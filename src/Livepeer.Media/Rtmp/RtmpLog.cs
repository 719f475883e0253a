using System.Net;
using Microsoft.Extensions.Logging;

namespace Livepeer.Media.Rtmp;

/// <summary>The RTMP server's log lines (event ids 2000-2099: connections 2000-2019, the listener 2020-2039).</summary>
internal static partial class RtmpLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "RTMP connection {Id} from {Remote} timed out")] public static partial void TimedOut(this ILogger logger, long id, EndPoint? remote);
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "RTMP connection {Id} from {Remote} closed: {Error}")] public static partial void Closed(this ILogger logger, long id, EndPoint? remote, string error);
    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "RTMP connection {Id} from {Remote} failed")] public static partial void Failed(this ILogger logger, Exception exception, long id, EndPoint? remote);
    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "RTMP connection {Id}: ending a publish session failed")] public static partial void EndingSessionFailed(this ILogger logger, Exception exception, long id);
    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "RTMP connection {Id}: ignoring message type {Type}")] public static partial void IgnoringMessage(this ILogger logger, long id, int type);
    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "RTMP connection {Id}: connect app={App}")] public static partial void Connected(this ILogger logger, long id, string app);
    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "RTMP connection {Id}: ignoring command {Command}")] public static partial void IgnoringCommand(this ILogger logger, long id, string command);
    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "RTMP connection {Id} from {Remote} publishing {App}/{Key}")] public static partial void Publishing(this ILogger logger, long id, EndPoint? remote, string app, string key);
    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "RTMP connection {Id} from {Remote}: publish refused: {Reason}")] public static partial void PublishRefused(this ILogger logger, long id, EndPoint? remote, string reason);
    [LoggerMessage(EventId = 2009, Level = LogLevel.Debug, Message = "RTMP connection {Id}: ignoring user control event {Event}")] public static partial void IgnoringUserControl(this ILogger logger, long id, int @event);
    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "RTMP server listening on {EndPoint}")] public static partial void Listening(this ILogger logger, EndPoint endPoint);
    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "RTMP accept failed: {Error}")] public static partial void AcceptFailed(this ILogger logger, string error);
    [LoggerMessage(EventId = 2022, Level = LogLevel.Warning, Message = "RTMP connection from {Remote} refused: {Max} connections open")] public static partial void RefusedServerFull(this ILogger logger, EndPoint? remote, int max);
    [LoggerMessage(EventId = 2023, Level = LogLevel.Warning, Message = "RTMP connection from {Remote} refused: {Max} connections from that address are open")] public static partial void RefusedAddressFull(this ILogger logger, EndPoint? remote, int max);
    [LoggerMessage(EventId = 2024, Level = LogLevel.Error, Message = "RTMP connection {Id} crashed")] public static partial void Crashed(this ILogger logger, Exception exception, long id);
}
