using Livepeer.Core;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Orchestrator.Misbehaviour;

/// <summary>The test-only cheats' log lines (event ids 3390-3399, the end of the orchestrator's 3200-3399).</summary>
internal static partial class MisbehaviourLog
{
    [LoggerMessage(EventId = 3390, Level = LogLevel.Warning, Message = "Orchestrator {Address} MISBEHAVES ({Misbehaviour}): test only, it will be slashed")] public static partial void Misbehaves(this ILogger logger, Address address, Misbehaviour misbehaviour);
    [LoggerMessage(EventId = 3391, Level = LogLevel.Warning, Message = "Equivocating on {Manifest}/{Seq} (test misbehaviour)")] public static partial void Equivocating(this ILogger logger, string manifest, long seq);
}
