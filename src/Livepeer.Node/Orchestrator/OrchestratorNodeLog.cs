using Livepeer.Core;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Orchestrator;

/// <summary>The orchestrator node's log lines (event ids 3300-3319 of the orchestrator's 3200-3399; 3200-3299 are the core's).</summary>
internal static partial class OrchestratorNodeLog
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "Orchestrator {Address} serving OFF CHAIN on {Uri}: no ticket parameters, no payments, no ledger")] public static partial void ServingOffChain(this ILogger logger, Address address, Uri uri);
    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Orchestrator {Address} serving on {Uri}")] public static partial void Serving(this ILogger logger, Address address, Uri uri);
    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Ledger unavailable: {Message}")] public static partial void LedgerUnavailable(this ILogger logger, string message);
    [LoggerMessage(EventId = 3303, Level = LogLevel.Warning, Message = "Could not initialize the round: {Reason} {Message}")] public static partial void RoundNotInitialized(this ILogger logger, string reason, string message);
}
