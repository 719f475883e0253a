using System.Collections.Concurrent;
using System.Text.Json;
using Livepeer.Core;

namespace Livepeer.Node.Payments;

/// <summary>
/// An orchestrator's prices: one for every broadcaster, and go-livepeer's -pricePerBroadcaster exceptions by address.
/// Changed at runtime (the control port); a session keeps the price its first payment fixed, so a change applies to new
/// sessions and never re-prices a running stream.
/// </summary>
public sealed class PriceList
{
    private readonly ConcurrentDictionary<Address, PixelPrice> _perBroadcaster = new();
    private PixelPrice _default;
    private readonly Lock _lock = new();

    /// <summary>Creates the list with <paramref name="defaultPrice"/> and the per-broadcaster prices.</summary>
    public PriceList(PixelPrice defaultPrice, IReadOnlyDictionary<Address, PixelPrice>? perBroadcaster = null)
    {
        _default = Checked(defaultPrice);
        foreach (var (address, price) in perBroadcaster ?? new Dictionary<Address, PixelPrice>()) _perBroadcaster[address] = Checked(price);
    }

    /// <summary>The price of a broadcaster without its own.</summary>
    public PixelPrice Default { get { lock (_lock) return _default; } }

    /// <summary>The price <paramref name="broadcaster"/> pays.</summary>
    public PixelPrice For(Address broadcaster) => _perBroadcaster.TryGetValue(broadcaster, out var own) ? own : Default;

    /// <summary>The broadcasters with their own price.</summary>
    public IReadOnlyDictionary<Address, PixelPrice> PerBroadcaster => new Dictionary<Address, PixelPrice>(_perBroadcaster);

    /// <summary>Sets the price of every broadcaster without its own.</summary>
    public void SetDefault(PixelPrice price)
    {
        Checked(price);
        lock (_lock) _default = price;
    }

    /// <summary>Sets <paramref name="broadcaster"/>'s own price, or with null drops it (it then pays the default).</summary>
    public void SetFor(Address broadcaster, PixelPrice? price)
    {
        if (price is { } p) _perBroadcaster[broadcaster] = Checked(p);
        else _perBroadcaster.TryRemove(broadcaster, out _);
    }

    private static PixelPrice Checked(PixelPrice price) => price.FitsWire ? price
        : throw new ArgumentOutOfRangeException(nameof(price), price, "The price's reduced numerator and denominator must each fit 64 bits (the wire's PriceInfo).");

    /// <summary>
    /// Parses go-livepeer's -pricePerBroadcaster JSON: {"broadcasters":[{"ethaddress":"0x..","priceperunit":1200,"pixelsperunit":1}]}
    /// (numbers or decimal strings). Throws <see cref="FormatException"/> naming what is wrong.
    /// </summary>
    public static Dictionary<Address, PixelPrice> ParsePerBroadcaster(string json)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new FormatException($"not valid JSON: {e.Message}"); }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("broadcasters", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new FormatException("expected {\"broadcasters\":[{\"ethaddress\":\"0x…\",\"priceperunit\":…,\"pixelsperunit\":…}]}.");
            var result = new Dictionary<Address, PixelPrice>();
            foreach (var entry in list.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object) throw new FormatException("each broadcaster must be an object.");
                var text = Field(entry, "ethaddress") ?? throw new FormatException("a broadcaster has no ethaddress.");
                if (!Address.TryParse(text, out var address)) throw new FormatException($"ethaddress '{text}' is not an address (0x and 40 hex digits).");
                var price = Field(entry, "priceperunit") ?? throw new FormatException($"{address} has no priceperunit.");
                var pixels = Field(entry, "pixelsperunit") ?? "1";
                result[address] = PixelPrice.Parse(price, pixels);
            }
            return result;
        }
    }

    // go's JSON keys are matched case-insensitively (encoding/json); values may be numbers or strings.
    private static string? Field(JsonElement entry, string name)
    {
        foreach (var property in entry.EnumerateObject())
        {
            if (!property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            return property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.Undefined or JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null =>
                    throw new FormatException($"'{property.Name}' must be a number or a string."),
                _ => throw new FormatException($"'{property.Name}' has an unknown JSON kind."),
            };
        }
        return null;
    }
}
