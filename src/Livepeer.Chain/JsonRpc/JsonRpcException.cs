namespace Livepeer.Chain.JsonRpc;

/// <summary>An error returned to a JSON-RPC caller with its code, message and optional data.</summary>
public sealed class JsonRpcException(int code, string message, object? data = null) : Exception(message)
{
    /// <summary>Invalid JSON was received.</summary>
    public const int ParseError = -32700;
    /// <summary>The JSON is not a valid request object.</summary>
    public const int InvalidRequest = -32600;
    /// <summary>The method does not exist.</summary>
    public const int MethodNotFound = -32601;
    /// <summary>Invalid method parameters.</summary>
    public const int InvalidParams = -32602;
    /// <summary>Internal error.</summary>
    public const int InternalError = -32603;
    /// <summary>A transaction was refused at admission (bad signature, nonce, balance, ...).</summary>
    public const int TransactionRejected = -32000;
    /// <summary>The requested object (block, transaction) does not exist.</summary>
    public const int NotFound = -32001;
    /// <summary>A request passes a server limit (batch size, response bytes); EIP-1474's "limit exceeded".</summary>
    public const int LimitExceeded = -32005;

    /// <summary>The JSON-RPC error code.</summary>
    public int Code { get; } = code;
    /// <summary>Extra machine-readable detail, serialized as the error's data member.</summary>
    public object? ErrorData { get; } = data;
}
