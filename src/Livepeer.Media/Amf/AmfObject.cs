using System.Collections;

namespace Livepeer.Media.Amf;

/// <summary>An AMF0 anonymous object: string keys in wire order, values as AMF0 .NET values.</summary>
public class AmfObject : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _entries = [];

    /// <summary>Number of properties.</summary>
    public int Count => _entries.Count;

    /// <summary>Gets the first value with this key (null when absent), or replaces/appends it.</summary>
    public object? this[string key]
    {
        get => TryGetValue(key, out var v) ? v : null;
        set
        {
            var i = _entries.FindIndex(e => e.Key == key);
            if (i >= 0) _entries[i] = new(key, value);
            else _entries.Add(new(key, value));
        }
    }

    /// <summary>Appends a property (keeps duplicates, as the wire may carry them).</summary>
    public void Add(string key, object? value) => _entries.Add(new(key, value));

    /// <summary>Looks a key up.</summary>
    public bool TryGetValue(string key, out object? value)
    {
        foreach (var e in _entries)
        {
            if (e.Key == key)
            {
                value = e.Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    /// <summary>The value as a string, or null when absent or not a string.</summary>
    public string? GetString(string key) => this[key] as string;

    /// <summary>The value as a number, or null when absent or not a number.</summary>
    public double? GetNumber(string key) => this[key] is double d ? d : null;

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>An AMF0 ECMA array (associative array); same shape as an object, different marker on the wire.</summary>
public sealed class AmfEcmaArray : AmfObject;

/// <summary>The AMF0 undefined value (distinct from null).</summary>
public sealed class AmfUndefined
{
    /// <summary>The single instance.</summary>
    public static readonly AmfUndefined Value = new();

    private AmfUndefined()
    {
    }

    /// <inheritdoc/>
    public override string ToString() => "undefined";
}

/// <summary>An AMF0 date: milliseconds since the Unix epoch (UTC) and the (ignored by players) time-zone field.</summary>
public readonly record struct AmfDate(double Milliseconds, short TimeZone = 0);
