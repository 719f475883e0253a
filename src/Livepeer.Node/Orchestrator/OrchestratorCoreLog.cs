using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Orchestrator;

/// <summary>The orchestrator core's log lines (event ids 3200-3299 of the orchestrator's 3200-3399).</summary>
internal static partial class OrchestratorCoreLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Warning, Message = "Transcoding {Manifest}/{Seq} failed: {Message}")] public static partial void TranscodeFailed(this ILogger logger, string manifest, long seq, string message);
}
