namespace Livepeer.Chain.JsonRpc;

/// <summary>A request's params, positional (array) or named (object), with typed access and clear errors.</summary>
public readonly struct JsonRpcParams(JsonElement? element)
{
    /// <summary>Number of positional params (0 for named or absent).</summary>
    public int Count => element is { ValueKind: JsonValueKind.Array } e ? e.GetArrayLength() : 0;

    /// <summary>The param at <paramref name="index"/> (or named <paramref name="name"/>), or null when absent.</summary>
    public JsonElement? Find(int index, string name)
    {
        if (element is not { } e) return null;
        if (e.ValueKind == JsonValueKind.Array) return index < e.GetArrayLength() ? e[index] : null;
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)) return v;
        return null;
    }

    /// <summary>A required string param.</summary>
    public string GetString(int index, string name) =>
        Find(index, name) is { ValueKind: JsonValueKind.String } v ? v.GetString()!
            : throw new JsonRpcException(JsonRpcException.InvalidParams, $"Param {index} ({name}) must be a string.");

    /// <summary>An optional string param.</summary>
    public string? GetOptionalString(int index, string name) => Find(index, name) switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        _ => throw new JsonRpcException(JsonRpcException.InvalidParams, $"Param {index} ({name}) must be a string when given."),
    };

    /// <summary>An optional boolean param.</summary>
    public bool GetBool(int index, string name, bool fallback = false) => Find(index, name) switch
    {
        null or { ValueKind: JsonValueKind.Null } => fallback,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw new JsonRpcException(JsonRpcException.InvalidParams, $"Param {index} ({name}) must be true or false."),
    };

    /// <summary>Parses a string param with <paramref name="parse"/>, turning format errors into invalid-params errors.</summary>
    public T Parse<T>(int index, string name, Func<string, T> parse)
    {
        var text = GetString(index, name);
        try { return parse(text); }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new JsonRpcException(JsonRpcException.InvalidParams, $"Param {index} ({name}): {e.Message}");
        }
    }
}
