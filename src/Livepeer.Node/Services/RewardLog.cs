using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Services;

/// <summary>The reward service's log lines (event ids 3900-3919 of 3800-3999).</summary>
internal static partial class RewardLog
{
    [LoggerMessage(EventId = 3900, Level = LogLevel.Information, Message = "Initialized round {Round}")] public static partial void RoundInitialized(this ILogger logger, long round);
    [LoggerMessage(EventId = 3901, Level = LogLevel.Warning, Message = "initializeRound for round {Round} was refused: {Reason} {Message}")] public static partial void InitializeRefused(this ILogger logger, long round, string reason, string message);
    [LoggerMessage(EventId = 3902, Level = LogLevel.Information, Message = "Called reward for round {Round} in block {Block}")] public static partial void Rewarded(this ILogger logger, long round, long block);
    [LoggerMessage(EventId = 3903, Level = LogLevel.Warning, Message = "reward() for round {Round} was refused: {Reason} {Message}")] public static partial void RewardRefused(this ILogger logger, long round, string reason, string message);
    [LoggerMessage(EventId = 3904, Level = LogLevel.Warning, Message = "Ledger unavailable: {Message}")] public static partial void LedgerUnavailable(this ILogger logger, string message);
}
