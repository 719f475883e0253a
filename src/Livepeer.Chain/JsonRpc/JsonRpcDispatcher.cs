using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Chain.JsonRpc;

/// <summary>A JSON-RPC method: takes the params, returns a JSON-serializable result.</summary>
public delegate ValueTask<object?> JsonRpcMethod(JsonRpcParams parameters, CancellationToken cancellationToken);

/// <summary>
/// JSON-RPC 2.0 dispatch: single requests, batches and notifications, with the spec's error codes. Transport-free, so it
/// is tested without sockets and mounted on HTTP by <see cref="JsonRpcEndpoint"/>. One request body may hold at most
/// <see cref="MaxBatchSize"/> calls and be answered with at most <see cref="MaxResponseBytes"/> bytes; past either, the
/// answer is one error (code -32005) naming the limit.
/// </summary>
public sealed class JsonRpcDispatcher(ILogger<JsonRpcDispatcher>? logger = null)
{
    /// <summary>Most requests accepted in one batch (default 100).</summary>
    public int MaxBatchSize { get; init; } = 100;

    /// <summary>Most bytes of JSON one request body is answered with, all its calls together (default 16 MiB).</summary>
    public int MaxResponseBytes { get; init; } = 16 * 1024 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, JsonRpcMethod> _methods = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger ?? NullLogger<JsonRpcDispatcher>.Instance;

    /// <summary>The registered method names.</summary>
    public IReadOnlyCollection<string> Methods => _methods.Keys;

    /// <summary>Registers a method; a name can be registered once.</summary>
    public JsonRpcDispatcher Register(string name, JsonRpcMethod method)
    {
        if (!_methods.TryAdd(name, method)) throw new InvalidOperationException($"JSON-RPC method {name} is registered twice.");
        return this;
    }

    /// <summary>Handles a request body; returns the response body, or null when nothing is to be sent (only notifications).</summary>
    public async ValueTask<string?> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(body); }
        catch (JsonException e) { return Serialize(Error(null, JsonRpcException.ParseError, $"Parse error: {e.Message}")); }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                if (await HandleOneAsync(root, cancellationToken) is not { } single) return null;
                var text = Serialize(single);
                return text.Length <= MaxResponseBytes ? text : Serialize(TooLarge(single["id"]?.DeepClone(), text.Length));
            }

            var count = root.GetArrayLength();
            if (count == 0) return Serialize(Error(null, JsonRpcException.InvalidRequest, "Empty batch."));
            if (count > MaxBatchSize)
                return Serialize(Error(null, JsonRpcException.LimitExceeded, $"Batch of {count} requests; at most {MaxBatchSize} are accepted (MaxBatchSize)."));
            var responses = new JsonArray();
            long bytes = 2;
            foreach (var request in root.EnumerateArray())
            {
                if (await HandleOneAsync(request, cancellationToken) is not { } response) continue;
                // Counted as they are made, so a batch of large answers stops at the limit instead of building them all.
                bytes += Serialize(response).Length + 1;
                if (bytes > MaxResponseBytes) return Serialize(TooLarge(null, bytes));
                responses.Add(response);
            }
            return responses.Count == 0 ? null : Serialize(responses);
        }
    }

    private async ValueTask<JsonObject?> HandleOneAsync(JsonElement request, CancellationToken cancellationToken)
    {
        if (request.ValueKind != JsonValueKind.Object)
            return Error(null, JsonRpcException.InvalidRequest, "A request must be a JSON object.");
        JsonNode? id = null;
        var isNotification = !request.TryGetProperty("id", out var idElement);
        if (!isNotification)
        {
            if (idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
                return Error(null, JsonRpcException.InvalidRequest, "id must be a string, a number or null.");
            id = JsonNode.Parse(idElement.GetRawText());
        }
        if (!request.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
            return Error(id, JsonRpcException.InvalidRequest, "jsonrpc must be \"2.0\".");
        if (!request.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
            return Error(id, JsonRpcException.InvalidRequest, "method must be a string.");
        JsonElement? parameters = null;
        if (request.TryGetProperty("params", out var p))
        {
            if (p.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
                return Error(id, JsonRpcException.InvalidRequest, "params must be an array or an object.");
            parameters = p;
        }

        var name = methodElement.GetString()!;
        if (!_methods.TryGetValue(name, out var method))
            return isNotification ? null : Error(id, JsonRpcException.MethodNotFound, $"Method {name} does not exist.");
        try
        {
            var result = await method(new JsonRpcParams(parameters), cancellationToken);
            if (isNotification) return null;
            return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = JsonSerializer.SerializeToNode(result, Json) };
        }
        catch (JsonRpcException e)
        {
            return isNotification ? null : Error(id, e.Code, e.Message, e.ErrorData);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            _logger.MethodFailed(e, name);
            return isNotification ? null : Error(id, JsonRpcException.InternalError, $"Internal error in {name}: {e.Message}");
        }
    }

    private JsonObject TooLarge(JsonNode? id, long bytes) => Error(id, JsonRpcException.LimitExceeded,
        $"The response would pass {MaxResponseBytes} bytes (MaxResponseBytes; {bytes} so far); ask for less per request: fewer calls per batch, narrower block ranges.");

    private static JsonObject Error(JsonNode? id, int code, string message, object? data = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (data is not null) error["data"] = JsonSerializer.SerializeToNode(data, Json);
        return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = error };
    }

    private static string Serialize(JsonNode node) => node.ToJsonString(Json);
}
