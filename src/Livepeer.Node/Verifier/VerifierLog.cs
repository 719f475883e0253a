using Livepeer.Core;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Verifier;

/// <summary>The verifier node's log lines (event ids 3650-3699 of Verification's 3600-3699).</summary>
internal static partial class VerifierLog
{
    [LoggerMessage(EventId = 3650, Level = LogLevel.Information, Message = "Verifier {Address} following {Chain} from block {Block}")] public static partial void Following(this ILogger logger, Address address, string chain, long block);
    [LoggerMessage(EventId = 3651, Level = LogLevel.Warning, Message = "Verifier cannot read the ledger: {Message}")] public static partial void LedgerUnreadable(this ILogger logger, string message);
    [LoggerMessage(EventId = 3652, Level = LogLevel.Warning, Message = "Skipping a malformed {Event} event: {Message}")] public static partial void MalformedEvent(this ILogger logger, string @event, string message);
    [LoggerMessage(EventId = 3653, Level = LogLevel.Information, Message = "The checks failed again for {Transcoder} (evidence {Evidence}), which the other verifiers already had slashed")] public static partial void AlreadySlashed(this ILogger logger, Address transcoder, Hash evidence);
    [LoggerMessage(EventId = 3654, Level = LogLevel.Warning, Message = "Attested failed verification of {Transcoder} (evidence {Evidence}): {Failures}")] public static partial void Attested(this ILogger logger, Address transcoder, Hash evidence, string failures);
    [LoggerMessage(EventId = 3655, Level = LogLevel.Warning, Message = "Declined to attest against {Transcoder} (evidence {Evidence}): {Reason}")] public static partial void Declined(this ILogger logger, Address transcoder, Hash evidence, string reason);
}
