using Livepeer.Core;
using Microsoft.Extensions.Logging;

namespace Livepeer.Cli.Commands;

/// <summary>The commands' own log lines (event ids 4000-4199).</summary>
internal static partial class CliLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Ledger chain {ChainId} serving JSON-RPC on {Rpc} at head block {Head}, round {Round}")] public static partial void LedgerServing(this ILogger logger, UInt256? chainId, Uri rpc, long head, long round);
}
