using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Transcoder;

/// <summary>The remote transcoder node's log lines (event ids 3400-3499).</summary>
internal static partial class TranscoderLog
{
    [LoggerMessage(EventId = 3400, Level = LogLevel.Information, Message = "Connected to orchestrator {Orchestrator} with capacity {Capacity}; waiting for segments")] public static partial void Connected(this ILogger logger, Uri orchestrator, int capacity);
    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "Orchestrator {Orchestrator} closed the stream; reconnecting")] public static partial void StreamClosed(this ILogger logger, Uri orchestrator);
    [LoggerMessage(EventId = 3402, Level = LogLevel.Error, Message = "Orchestrator {Orchestrator} refused registration: {Detail}")] public static partial void RegistrationRefused(this ILogger logger, Uri orchestrator, string detail);
    [LoggerMessage(EventId = 3403, Level = LogLevel.Warning, Message = "Orchestrator {Orchestrator} unreachable or stream broken: {Message}")] public static partial void Unreachable(this ILogger logger, Uri orchestrator, string message);
    [LoggerMessage(EventId = 3404, Level = LogLevel.Information, Message = "Reconnecting to {Orchestrator} in {Delay} ms (attempt {Attempt})")] public static partial void Reconnecting(this ILogger logger, Uri orchestrator, int delay, int attempt);
    [LoggerMessage(EventId = 3405, Level = LogLevel.Information, Message = "Orchestrator {OrchId} ended session {Session}")] public static partial void SessionEnded(this ILogger logger, string orchId, string session);
    [LoggerMessage(EventId = 3406, Level = LogLevel.Information, Message = "Task {Task} ({Manifest}/{Seq}) for orchestrator {OrchId} transcoded into {Count} renditions")] public static partial void TaskTranscoded(this ILogger logger, long task, string manifest, long seq, string orchId, int count);
    [LoggerMessage(EventId = 3407, Level = LogLevel.Warning, Message = "Task {Task} failed: {Message}")] public static partial void TaskFailed(this ILogger logger, long task, string message);
    [LoggerMessage(EventId = 3408, Level = LogLevel.Warning, Message = "Orchestrator refused the result of task {Task}: {Status} {Body}")] public static partial void ResultRefused(this ILogger logger, long task, int status, string body);
    [LoggerMessage(EventId = 3409, Level = LogLevel.Warning, Message = "Result of task {Task} could not be posted: {Message}")] public static partial void ResultNotPosted(this ILogger logger, long task, string message);
}
