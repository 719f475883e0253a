using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Livepeer.Chain.Tests.Crash;

/// <summary>A minimal JSON-RPC 2.0 client for the ledger's HTTP endpoint, as an outside wallet would use it.</summary>
internal sealed class LedgerRpcClient(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(90) };
    private long _id;

    /// <summary>Calls <paramref name="method"/>; a JSON-RPC error becomes <see cref="LedgerRpcError"/>, a dead node an <see cref="HttpRequestException"/>.</summary>
    public async Task<JsonElement> CallAsync(string method, object?[] parameters, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _id),
            ["method"] = method,
            ["params"] = JsonSerializer.SerializeToNode(parameters),
        };
        using var response = await _http.PostAsJsonAsync("/", request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (body.TryGetProperty("error", out var error))
        {
            var reason = error.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("reason", out var r) ? r.GetString() : null;
            throw new LedgerRpcError(error.GetProperty("code").GetInt32(), reason, error.GetProperty("message").GetString() ?? "");
        }
        return body.GetProperty("result").Clone();
    }

    public void Dispose() => _http.Dispose();
}
