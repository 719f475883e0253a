using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Livepeer.Core.Crypto.Eip712;

/// <summary>
/// EIP-712 encoding over a set of struct types: encodeType, typeHash, encodeData and hashStruct. Values are checked against
/// their declared types and every error names the path of the offending member (e.g. "Mail.to.wallet").
/// </summary>
public sealed class TypedDataEncoder
{
    private readonly Dictionary<string, IReadOnlyList<Eip712Field>> _types = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Hash> _typeHashes = new(StringComparer.Ordinal);

    /// <summary>Checks the types: unique names, unique members, and every member type atomic, dynamic or declared.</summary>
    public TypedDataEncoder(IEnumerable<Eip712Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        foreach (var type in types)
        {
            if (!IsIdentifier(type.Name)) throw new TypedDataException($"'{type.Name}' is not a valid struct type name.");
            if (IsAtomicOrDynamic(type.Name)) throw new TypedDataException($"Struct type '{type.Name}' has the name of a built-in type.");
            if (!_types.TryAdd(type.Name, type.Fields)) throw new TypedDataException($"Struct type '{type.Name}' is declared twice.");
        }
        foreach (var (name, fields) in _types)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in fields)
            {
                if (!IsIdentifier(field.Name)) throw new TypedDataException($"{name}: '{field.Name}' is not a valid member name.");
                if (!seen.Add(field.Name)) throw new TypedDataException($"{name}: member '{field.Name}' is declared twice.");
                var baseType = BaseType(field.Type, $"{name}.{field.Name}");
                if (!IsAtomicOrDynamic(baseType) && !_types.ContainsKey(baseType))
                    throw new TypedDataException($"{name}.{field.Name}: type '{field.Type}' is neither a Solidity type nor a declared struct.");
            }
        }
    }

    /// <summary>The declared struct types.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> Types => _types;

    /// <summary>encodeType: "Primary(type name,...)" followed by every referenced struct type, sorted by name.</summary>
    public string EncodeType(string primaryType)
    {
        var members = Fields(primaryType);
        var dependencies = new SortedSet<string>(StringComparer.Ordinal);
        CollectDependencies(primaryType, dependencies);
        dependencies.Remove(primaryType);
        var sb = new StringBuilder();
        Append(sb, primaryType, members);
        foreach (var dependency in dependencies) Append(sb, dependency, _types[dependency]);
        return sb.ToString();

        static void Append(StringBuilder sb, string name, IReadOnlyList<Eip712Field> fields)
        {
            sb.Append(name).Append('(');
            for (var i = 0; i < fields.Count; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(fields[i].Type).Append(' ').Append(fields[i].Name);
            }
            sb.Append(')');
        }
    }

    /// <summary>keccak256(encodeType(type)).</summary>
    public Hash TypeHash(string type) =>
        _typeHashes.GetOrAdd(type, t => Keccak256.Hash(Encoding.UTF8.GetBytes(EncodeType(t))));

    /// <summary>hashStruct(s) = keccak256(typeHash || encodeData(s)).</summary>
    public Hash HashStruct(string type, IReadOnlyDictionary<string, object?> value) => HashStruct(type, value, type);

    /// <summary>typeHash || encodeData(s): 32 bytes per member.</summary>
    public byte[] EncodeData(string type, IReadOnlyDictionary<string, object?> value) => EncodeData(type, value, type);

    private Hash HashStruct(string type, IReadOnlyDictionary<string, object?> value, string path) =>
        Keccak256.Hash(EncodeData(type, value, path));

    private byte[] EncodeData(string type, IReadOnlyDictionary<string, object?> value, string path)
    {
        ArgumentNullException.ThrowIfNull(value);
        var fields = Fields(type);
        foreach (var key in value.Keys)
        {
            if (!fields.Any(f => f.Name == key))
                throw new TypedDataException($"{path}: '{key}' is not a member of {type} (members: {string.Join(", ", fields.Select(f => f.Name))}).");
        }
        var output = new byte[32 * (fields.Count + 1)];
        TypeHash(type).Bytes.CopyTo(output);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (!value.TryGetValue(field.Name, out var member))
                throw new TypedDataException($"{path}: member '{field.Name}' ({field.Type}) is missing.");
            EncodeValue(field.Type, member, $"{path}.{field.Name}", output.AsSpan(32 * (i + 1), 32));
        }
        return output;
    }

    private void EncodeValue(string type, object? value, string path, Span<byte> word)
    {
        if (value is null) throw new TypedDataException($"{path}: a {type} value is required, got null.");
        if (type.EndsWith(']'))
        {
            var (elementType, length) = SplitArray(type, path);
            var items = ToList(value, type, path);
            if (length is { } n && items.Count != n)
                throw new TypedDataException($"{path}: {type} needs exactly {n} elements, got {items.Count}.");
            var k = new Keccak256();
            Span<byte> element = stackalloc byte[32];
            for (var i = 0; i < items.Count; i++)
            {
                EncodeValue(elementType, items[i], $"{path}[{i}]", element);
                k.Update(element);
            }
            k.Finish().Bytes.CopyTo(word);
            return;
        }
        if (_types.ContainsKey(type))
        {
            HashStruct(type, AsStruct(value, type, path), path).Bytes.CopyTo(word);
            return;
        }
        switch (type)
        {
            case "string":
                if (value is not string text) throw new TypedDataException($"{path}: a string is required, got {Describe(value)}.");
                Keccak256.Hash(Encoding.UTF8.GetBytes(text), word);
                return;
            case "bytes":
                Keccak256.Hash(ToBytes(value, path, type), word);
                return;
            case "bool":
                if (value is not bool flag) throw new TypedDataException($"{path}: a bool (true or false) is required, got {Describe(value)}.");
                word.Clear();
                word[31] = flag ? (byte)1 : (byte)0;
                return;
            case "address":
                word.Clear();
                ToAddress(value, path).Bytes.CopyTo(word[12..]);
                return;
        }
        if (type.StartsWith("bytes", StringComparison.Ordinal))
        {
            var size = int.Parse(type.AsSpan(5), CultureInfo.InvariantCulture);
            var bytes = ToBytes(value, path, type);
            if (bytes.Length != size) throw new TypedDataException($"{path}: {type} needs exactly {size} bytes, got {bytes.Length}.");
            word.Clear();
            bytes.CopyTo(word);
            return;
        }
        var signed = type[0] == 'i';
        var bits = int.Parse(type.AsSpan(signed ? 3 : 4), CultureInfo.InvariantCulture);
        var integer = ToInteger(value, path, type);
        var min = signed ? -(BigInteger.One << (bits - 1)) : BigInteger.Zero;
        var max = signed ? (BigInteger.One << (bits - 1)) - 1 : (BigInteger.One << bits) - 1;
        if (integer < min || integer > max) throw new TypedDataException($"{path}: {integer} does not fit in {type} ({min}..{max}).");
        // Two's complement over 256 bits: negative values sign-extend with 0xFF.
        var unsigned = integer.Sign < 0 ? (BigInteger.One << 256) + integer : integer;
        new UInt256(unsigned).WriteBigEndian32(word);
    }

    /// <summary>Converts a value to the canonical .NET form for its type (used when writing JSON); validates like hashing.</summary>
    internal object Normalize(string type, object? value, string path)
    {
        if (value is null) throw new TypedDataException($"{path}: a {type} value is required, got null.");
        if (type.EndsWith(']'))
        {
            var (elementType, _) = SplitArray(type, path);
            return ToList(value, type, path).Select((item, i) => Normalize(elementType, item, $"{path}[{i}]")).ToList();
        }
        if (_types.TryGetValue(type, out var fields))
        {
            var members = AsStruct(value, type, path);
            var result = new Eip712Struct();
            foreach (var field in fields)
            {
                if (!members.TryGetValue(field.Name, out var member))
                    throw new TypedDataException($"{path}: member '{field.Name}' ({field.Type}) is missing.");
                result[field.Name] = Normalize(field.Type, member, $"{path}.{field.Name}");
            }
            return result;
        }
        Span<byte> scratch = stackalloc byte[32];
        EncodeValue(type, value, path, scratch); // validates
        return type switch
        {
            "string" or "bool" => value,
            "address" => ToAddress(value, path),
            _ when type.StartsWith("bytes", StringComparison.Ordinal) => ToBytes(value, path, type),
            _ => ToInteger(value, path, type),
        };
    }

    private static IReadOnlyDictionary<string, object?> AsStruct(object value, string type, string path) =>
        value as IReadOnlyDictionary<string, object?>
        ?? (value is IDictionary<string, object?> d ? new Dictionary<string, object?>(d) : null)
        ?? throw new TypedDataException($"{path}: a {type} struct value is required, got {Describe(value)}.");

    private IReadOnlyList<Eip712Field> Fields(string type) =>
        _types.TryGetValue(type, out var fields) ? fields : throw new TypedDataException($"Struct type '{type}' is not declared.");

    private void CollectDependencies(string type, ISet<string> found)
    {
        if (!_types.TryGetValue(type, out var fields) || !found.Add(type)) return;
        foreach (var field in fields) CollectDependencies(BaseType(field.Type, type), found);
    }

    private static string BaseType(string type, string path)
    {
        var bracket = type.IndexOf('[');
        if (bracket < 0) return type;
        var rest = type.AsSpan(bracket);
        while (rest.Length > 0)
        {
            var close = rest.IndexOf(']');
            if (rest[0] != '[' || close < 0 || !rest[1..close].ToString().All(char.IsAsciiDigit) || rest[1..close] is ['0', ..])
                throw new TypedDataException($"{path}: '{type}' is not a valid array type (use T[] or T[n]).");
            rest = rest[(close + 1)..];
        }
        return type[..bracket];
    }

    private static (string ElementType, int? Length) SplitArray(string type, string path)
    {
        var open = type.LastIndexOf('[');
        var inside = type.AsSpan(open + 1, type.Length - open - 2);
        if (inside.Length == 0) return (type[..open], null);
        if (!int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw new TypedDataException($"{path}: '{type}' has an invalid array length.");
        return (type[..open], n);
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or '$') &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');

    private static bool IsAtomicOrDynamic(string type)
    {
        if (type is "address" or "bool" or "string" or "bytes") return true;
        if (type.StartsWith("bytes", StringComparison.Ordinal))
            return int.TryParse(type.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 32 && type[5] != '0';
        var digits = type.StartsWith("uint", StringComparison.Ordinal) ? type.AsSpan(4)
            : type.StartsWith("int", StringComparison.Ordinal) ? type.AsSpan(3) : default;
        return digits.Length > 0 && digits[0] != '0' && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            && bits is >= 8 and <= 256 && bits % 8 == 0;
    }

    private static IReadOnlyList<object?> ToList(object value, string type, string path) => value switch
    {
        IReadOnlyList<object?> list => list,
        string or byte[] or IDictionary => throw new TypedDataException($"{path}: an array ({type}) is required, got {Describe(value)}."),
        IEnumerable items => items.Cast<object?>().ToList(),
        _ => throw new TypedDataException($"{path}: an array ({type}) is required, got {Describe(value)}."),
    };

    private static Address ToAddress(object value, string path)
    {
        switch (value)
        {
            case Address a: return a;
            case string s:
                try { return Address.Parse(s); }
                catch (FormatException e) { throw new TypedDataException($"{path}: {e.Message}"); }
            default: throw new TypedDataException($"{path}: an address is required, got {Describe(value)}.");
        }
    }

    private static byte[] ToBytes(object value, string path, string type)
    {
        switch (value)
        {
            case byte[] b: return b;
            case ReadOnlyMemory<byte> m: return m.ToArray();
            case Hash h: return h.ToArray();
            case Address a: return a.ToArray();
            case string s when s.StartsWith("0x", StringComparison.OrdinalIgnoreCase):
                try { return Hex.Decode(s); }
                catch (FormatException e) { throw new TypedDataException($"{path}: {e.Message}"); }
            default: throw new TypedDataException($"{path}: {type} must be bytes or 0x-prefixed hex, got {Describe(value)}.");
        }
    }

    private static BigInteger ToInteger(object value, string path, string type)
    {
        switch (value)
        {
            case UInt256 u: return u.Value;
            case BigInteger b: return b;
            case int or long or uint or ulong or short or ushort or byte or sbyte: return new BigInteger(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
            case string s:
                var text = s.Trim();
                var negative = text.StartsWith('-');
                var digits = negative ? text[1..] : text;
                if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && digits.Length > 2 && digits[2..].All(char.IsAsciiHexDigit))
                {
                    var magnitude = BigInteger.Parse("0" + digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                    return negative ? -magnitude : magnitude;
                }
                if (digits.Length is > 0 and <= 80 && digits.All(char.IsAsciiDigit))
                {
                    var magnitude = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
                    return negative ? -magnitude : magnitude;
                }
                throw new TypedDataException($"{path}: '{Hex.Shorten(s)}' is not an integer for {type} (write decimal digits or 0x hex).");
            default: throw new TypedDataException($"{path}: an integer ({type}) is required, got {Describe(value)}.");
        }
    }

    private static string Describe(object value) => value switch
    {
        string s => $"the string '{Hex.Shorten(s)}'",
        _ => $"a {value.GetType().Name}",
    };
}
