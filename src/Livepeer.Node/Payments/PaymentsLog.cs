using Livepeer.Core;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Payments;

/// <summary>Payments' log lines (event ids 3500-3599).</summary>
internal static partial class PaymentsLog
{
    [LoggerMessage(EventId = 3500, Level = LogLevel.Information, Message = "Redeemed winning ticket {Id} from {Sender} worth {FaceValue} wei")] public static partial void Redeemed(this ILogger logger, long id, Address sender, UInt256 faceValue);
    [LoggerMessage(EventId = 3501, Level = LogLevel.Information, Message = "Winning ticket {Id} from {Sender} was already redeemed on chain")] public static partial void AlreadyRedeemed(this ILogger logger, long id, Address sender);
    [LoggerMessage(EventId = 3502, Level = LogLevel.Warning, Message = "Winning ticket {Id} was refused for good: {Reason} {Message}")] public static partial void RefusedForGood(this ILogger logger, long id, string reason, string message);
    [LoggerMessage(EventId = 3503, Level = LogLevel.Warning, Message = "Redeeming ticket {Id} will be retried: {Message}")] public static partial void WillRetry(this ILogger logger, long id, string message);
}
