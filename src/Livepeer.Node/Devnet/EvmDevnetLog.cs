using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Devnet;

/// <summary>The EVM devnet's log lines, from its supervision of anvil (event ids 3780-3789 of 3700-3799).</summary>
internal static partial class EvmDevnetLog
{
    [LoggerMessage(EventId = 3780, Level = LogLevel.Warning, Message = "anvil (pid {Pid}) exited unexpectedly with code {ExitCode}; restarting it on port {Port} from its state file")] public static partial void AnvilExited(this ILogger logger, int pid, int exitCode, int port);
    [LoggerMessage(EventId = 3781, Level = LogLevel.Warning, Message = "anvil restarted (pid {Pid}) on port {Port} from {StatePath}; the nodes reconnect and re-send what the last save missed")] public static partial void AnvilRestarted(this ILogger logger, int pid, int port, string statePath);
    [LoggerMessage(EventId = 3782, Level = LogLevel.Warning, Message = "anvil did not restart (attempt {Attempt}): {Reason}; trying again")] public static partial void AnvilRestartFailed(this ILogger logger, int attempt, string reason);
    [LoggerMessage(EventId = 3783, Level = LogLevel.Warning, Message = "anvil's pid or state file was not written: {Reason}")] public static partial void FileNotWritten(this ILogger logger, string reason);
    [LoggerMessage(EventId = 3784, Level = LogLevel.Warning, Message = "anvil was killed while saving {StatePath}, which is cut short: restarting from the last complete save ({SavedAt:HH:mm:ss} UTC); the nodes re-send what it lacks")] public static partial void StateRestoredFromLastGood(this ILogger logger, string statePath, DateTime savedAt);
}
