using System.Net.Http.Json;

namespace Livepeer.Chain.Client;

/// <summary>A JSON-RPC error the server returned (not retried): its code, message and data.</summary>
public sealed class JsonRpcCallException(int code, string message, JsonElement? data) : Exception(message)
{
    /// <summary>The JSON-RPC error code.</summary>
    public int Code { get; } = code;
    /// <summary>The error's data member, if any.</summary>
    public JsonElement? ErrorData { get; } = data;
}

/// <summary>Retry policy of <see cref="JsonRpcClient"/>.</summary>
public sealed class JsonRpcClientOptions
{
    /// <summary>Attempts per call when the ledger cannot be reached.</summary>
    public int Attempts { get; set; } = 5;
    /// <summary>First backoff; doubles per attempt.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>Longest backoff.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Per-request timeout.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// JSON-RPC 2.0 over HTTP POST. Transport failures (refused connection, timeouts, 5xx) are retried with backoff, then
/// reported as <see cref="ChainUnavailableException"/>; errors the server answers are thrown at once.
/// </summary>
public sealed class JsonRpcClient(HttpClient http, Uri endpoint, JsonRpcClientOptions? options = null, TimeProvider? time = null)
{
    private readonly JsonRpcClientOptions _options = options ?? new JsonRpcClientOptions();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _id;

    /// <summary>The server's URL.</summary>
    public Uri Endpoint { get; } = endpoint;

    /// <summary>Calls <paramref name="method"/> with positional params and returns its result.</summary>
    public async Task<JsonElement> CallAsync(string method, IReadOnlyList<JsonNode?> parameters, CancellationToken ct = default)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _id),
            ["method"] = method,
            ["params"] = new JsonArray(parameters.Select(p => p?.DeepClone()).ToArray()),
        };
        Exception? last = null;
        var backoff = _options.InitialBackoff;
        for (var attempt = 1; attempt <= _options.Attempts; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(_options.RequestTimeout);
                using var response = await http.PostAsync(Endpoint, JsonContent.Create(request), timeout.Token);
                if ((int)response.StatusCode >= 500) throw new HttpRequestException($"HTTP {(int)response.StatusCode} from the ledger");
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
                if (body.TryGetProperty("error", out var error))
                {
                    throw new JsonRpcCallException(error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString() ?? "",
                        error.TryGetProperty("data", out var data) ? data.Clone() : null);
                }
                return body.GetProperty("result").Clone();
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or TaskCanceledException or JsonException)
            {
                last = e;
                if (attempt == _options.Attempts) break;
                await Task.Delay(backoff, _time, ct);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
        throw new ChainUnavailableException(
            $"The ledger at {Endpoint} did not answer {method} after {_options.Attempts} attempts ({last?.Message}). Is `livepeer chain` running there?", last);
    }
}
