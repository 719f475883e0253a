using Livepeer.Core;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Broadcaster.Verification;

/// <summary>The broadcaster's result checks' log lines (event ids 3600-3649 of Verification's 3600-3699).</summary>
internal static partial class VerificationLog
{
    [LoggerMessage(EventId = 3600, Level = LogLevel.Warning, Message = "Equivocation: {Reason}; slashing")] public static partial void Equivocation(this ILogger logger, string reason);
    [LoggerMessage(EventId = 3601, Level = LogLevel.Error, Message = "Results cannot be verified: {Message}")] public static partial void VerificationUnavailable(this ILogger logger, string message);
    [LoggerMessage(EventId = 3602, Level = LogLevel.Warning, Message = "Segment {Stream}/{Seq} cannot be verified against its source: {Message}")] public static partial void CannotVerify(this ILogger logger, string stream, long seq, string message);
    [LoggerMessage(EventId = 3603, Level = LogLevel.Warning, Message = "Segment {Stream}/{Seq} from {Orchestrator} failed verification ({Summary}); evidence {Hash}")] public static partial void FailedVerification(this ILogger logger, string stream, long seq, Address orchestrator, string summary, Hash hash);
    [LoggerMessage(EventId = 3604, Level = LogLevel.Information, Message = "{Kind} of {Orchestrator} for {Stream}/{Seq} is on the ledger ({Tx})")] public static partial void FindingOnLedger(this ILogger logger, string kind, Address orchestrator, string stream, long seq, Hash? tx);
    [LoggerMessage(EventId = 3605, Level = LogLevel.Warning, Message = "The ledger refused the {Kind} of {Orchestrator}: {Message}")] public static partial void FindingRefused(this ILogger logger, string kind, Address orchestrator, string message);
}
