namespace Livepeer.Chain.JsonRpc;

/// <summary>The JSON-RPC server's log lines (event ids 1210-1219 of Chain's 1200-1399).</summary>
internal static partial class JsonRpcLog
{
    [LoggerMessage(EventId = 1210, Level = LogLevel.Error, Message = "JSON-RPC method {Method} failed")] public static partial void MethodFailed(this ILogger logger, Exception exception, string method);
}
