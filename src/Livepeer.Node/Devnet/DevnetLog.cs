using Livepeer.Core;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Devnet;

/// <summary>The devnet's log lines (event ids 3700-3719 of 3700-3799; the EVM devnet's are 3780 and up).</summary>
internal static partial class DevnetLog
{
    [LoggerMessage(EventId = 3700, Level = LogLevel.Warning, Message = "The demo publisher exited ({Code}): {Error}; restarting it")] public static partial void DemoPublisherExited(this ILogger logger, int code, string error);
    [LoggerMessage(EventId = 3701, Level = LogLevel.Warning, Message = "Probe stream probe-{N} failed: {Message}")] public static partial void ProbeFailed(this ILogger logger, int n, string message);
    [LoggerMessage(EventId = 3702, Level = LogLevel.Warning, Message = "The broadcaster caught {Cheater}; the verifiers now re-check the evidence and slash it")] public static partial void CheaterCaught(this ILogger logger, Address cheater);
}
