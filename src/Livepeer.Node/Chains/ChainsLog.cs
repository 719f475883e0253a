using Livepeer.Core;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Chains;

/// <summary>The chain connectors' log lines (event ids 3850-3869 of 3800-3999).</summary>
internal static partial class ChainsLog
{
    [LoggerMessage(EventId = 3850, Level = LogLevel.Warning, Message = "The redemption of ticket {Ticket} left the chain in a reorganization: queued again")] public static partial void RedemptionReorganized(this ILogger logger, Hash ticket);
    [LoggerMessage(EventId = 3851, Level = LogLevel.Warning, Message = "The redemption of ticket {Ticket} is not on the chain any more (its node lost it or a reorganization took it): queued again")] public static partial void RedemptionLost(this ILogger logger, Hash ticket);
    [LoggerMessage(EventId = 3852, Level = LogLevel.Warning, Message = "Following protocol events failed, retrying: {Message}")] public static partial void FollowingFailed(this ILogger logger, string message);
}
