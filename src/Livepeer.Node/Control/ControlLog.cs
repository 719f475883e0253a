using Livepeer.Core;
using Livepeer.Node.Payments;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Control;

/// <summary>The control port's log lines (event ids 3800-3819 of 3800-3999).</summary>
internal static partial class ControlLog
{
    [LoggerMessage(EventId = 3800, Level = LogLevel.Information, Message = "Max price set to {Price}")] public static partial void MaxPriceSet(this ILogger logger, string price);
    [LoggerMessage(EventId = 3801, Level = LogLevel.Information, Message = "Price for broadcaster {Broadcaster} {Change}")] public static partial void BroadcasterPriceSet(this ILogger logger, Address broadcaster, string change);
    [LoggerMessage(EventId = 3802, Level = LogLevel.Information, Message = "Price set to {Price}")] public static partial void PriceSet(this ILogger logger, PixelPrice price);
    [LoggerMessage(EventId = 3803, Level = LogLevel.Information, Message = "Max sessions set to {Max}")] public static partial void MaxSessionsSet(this ILogger logger, int max);
}
