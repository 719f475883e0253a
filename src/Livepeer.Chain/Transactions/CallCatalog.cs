using System.Collections.Concurrent;
using System.Numerics;
using System.Reflection;
using Livepeer.Core;
using Livepeer.Core.Crypto.Eip712;

namespace Livepeer.Chain.Transactions;

/// <summary>
/// The transaction types the ledger accepts: one EIP-712 struct per call record, named after the record without its
/// "Call" suffix, with a leading <c>uint256 nonce</c> and then the record's constructor parameters in camelCase.
/// Nested records become nested struct types; lists become arrays. Mapping: Address→address, UInt256→uint256,
/// Hash→bytes32, byte[]→bytes, string, bool, long→int64, int→int32, ulong→uint64, uint→uint32, enums→uint8,
/// arrays and IReadOnlyList/IReadOnlyCollection→T[].
/// </summary>
public sealed class CallCatalog
{
    /// <summary>The field every transaction struct starts with.</summary>
    public const string NonceField = "nonce";

    private readonly Dictionary<string, CallShape> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, CallShape> _byType = [];
    private readonly ConcurrentDictionary<Type, StructShape> _structs = new();

    /// <summary>Builds the catalog from call record types (each a positional record).</summary>
    public CallCatalog(IEnumerable<Type> callTypes)
    {
        foreach (var type in callTypes.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var name = type.Name.EndsWith("Call", StringComparison.Ordinal) ? type.Name[..^4] : type.Name;
            var shape = StructOf(type);
            var primary = new Eip712Type(name, [new Eip712Field(NonceField, "uint256"), .. shape.Type.Fields]);
            var types = new List<Eip712Type> { primary };
            CollectNested(type, types, []);
            var call = new CallShape(name, type, shape, types, new TypedDataEncoder(types));
            if (!_byName.TryAdd(name, call)) throw new InvalidOperationException($"Two call types map to the transaction type {name}.");
            _byType[type] = call;
        }
    }

    /// <summary>The transaction type names, sorted.</summary>
    public IEnumerable<string> Names => _byName.Keys.Order(StringComparer.Ordinal);

    /// <summary>The shape of a transaction type by its EIP-712 name, or null.</summary>
    public CallShape? Find(string primaryType) => _byName.GetValueOrDefault(primaryType);

    /// <summary>The shape of a call record type.</summary>
    public CallShape For(Type callType) =>
        _byType.GetValueOrDefault(callType) ?? throw new ArgumentException($"{callType.Name} is not a transaction type of this ledger.", nameof(callType));

    private void CollectNested(Type type, List<Eip712Type> types, HashSet<Type> seen)
    {
        foreach (var p in StructOf(type).Parameters)
        {
            var element = ElementType(p.ParameterType);
            if (IsStruct(element) && seen.Add(element))
            {
                types.Add(StructOf(element).Type);
                CollectNested(element, types, seen);
            }
        }
    }

    internal StructShape StructOf(Type type) => _structs.GetOrAdd(type, t =>
    {
        var ctor = t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{t.Name} has no public constructor.");
        var parameters = ctor.GetParameters();
        var fields = parameters.Select(p => new Eip712Field(CamelCase(p.Name!), SolidityType(p.ParameterType, t))).ToList();
        var properties = parameters.Select(p => t.GetProperty(p.Name!) ?? throw new InvalidOperationException($"{t.Name}.{p.Name} has no matching property.")).ToArray();
        return new StructShape(new Eip712Type(t.Name.EndsWith("Call", StringComparison.Ordinal) ? t.Name[..^4] : t.Name, fields), ctor, parameters, properties);
    });

    private string SolidityType(Type type, Type owner)
    {
        if (type == typeof(byte[])) return "bytes";
        var element = ElementType(type);
        if (element != type) return SolidityType(element, owner) + "[]";
        if (type == typeof(Address)) return "address";
        if (type == typeof(UInt256)) return "uint256";
        if (type == typeof(Hash)) return "bytes32";
        if (type == typeof(string)) return "string";
        if (type == typeof(bool)) return "bool";
        if (type == typeof(long)) return "int64";
        if (type == typeof(int)) return "int32";
        if (type == typeof(ulong)) return "uint64";
        if (type == typeof(uint)) return "uint32";
        if (type.IsEnum) return "uint8";
        if (IsStruct(type)) return StructOf(type).Type.Name;
        throw new InvalidOperationException($"{owner.Name}: no EIP-712 type for {type.Name}.");
    }

    private static bool IsStruct(Type t) => t.IsClass && t != typeof(string) && t != typeof(byte[]) && !t.IsArray && !IsList(t);
    private static bool IsList(Type t) => t.IsGenericType && t.GetGenericTypeDefinition() is var g && (g == typeof(IReadOnlyList<>) || g == typeof(IReadOnlyCollection<>));
    private static Type ElementType(Type t) => t.IsArray && t != typeof(byte[]) ? t.GetElementType()! : IsList(t) ? t.GetGenericArguments()[0] : t;
    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>A record's value as an EIP-712 struct value.</summary>
    internal Eip712Struct ToStruct(object value)
    {
        var shape = StructOf(value.GetType());
        var result = new Eip712Struct();
        for (var i = 0; i < shape.Parameters.Length; i++)
            result[shape.Type.Fields[i].Name] = ToEip712(shape.Properties[i].GetValue(value));
        return result;
    }

    private object? ToEip712(object? value) => value switch
    {
        null => null,
        UInt256 u => u.Value,
        long l => new BigInteger(l),
        int i => new BigInteger(i),
        ulong ul => new BigInteger(ul),
        uint ui => new BigInteger(ui),
        Enum e => new BigInteger(Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture)),
        Hash h => h.ToArray(),
        Address or string or bool or byte[] => value,
        System.Collections.IEnumerable items => items.Cast<object?>().Select(ToEip712).ToList(),
        _ => ToStruct(value),
    };

    /// <summary>Builds a record from an EIP-712 struct value (as parsed from JSON), or throws FormatException naming the member.</summary>
    internal object FromStruct(Type type, IReadOnlyDictionary<string, object?> value, string path)
    {
        var shape = StructOf(type);
        var args = new object?[shape.Parameters.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var field = shape.Type.Fields[i];
            if (!value.TryGetValue(field.Name, out var member)) throw new FormatException($"{path}.{field.Name} is missing.");
            args[i] = FromEip712(shape.Parameters[i].ParameterType, member, $"{path}.{field.Name}");
        }
        return shape.Constructor.Invoke(args);
    }

    private object? FromEip712(Type type, object? value, string path)
    {
        if (value is null) throw new FormatException($"{path} is null.");
        try
        {
            if (type == typeof(byte[])) return value is byte[] b ? b : Hex.Decode(AsString(value, path));
            if (type == typeof(UInt256)) return value is BigInteger n ? new UInt256(n) : UInt256.Parse(AsString(value, path));
            if (type == typeof(Address)) return value is Address a ? a : Address.Parse(AsString(value, path));
            if (type == typeof(Hash)) return value is byte[] hb ? new Hash(hb) : Hash.Parse(AsString(value, path));
            if (type == typeof(string)) return AsString(value, path);
            if (type == typeof(bool)) return value is bool flag ? flag : throw new FormatException($"{path} must be true or false.");
            if (type == typeof(long) || type == typeof(int) || type == typeof(ulong) || type == typeof(uint) || type.IsEnum)
            {
                var n = value is BigInteger big ? big : BigInteger.Parse(AsString(value, path), System.Globalization.CultureInfo.InvariantCulture);
                var target = type.IsEnum ? Enum.GetUnderlyingType(type) : type;
                // BigInteger's explicit conversions throw OverflowException when the value does not fit.
                object converted = target == typeof(long) ? (long)n : target == typeof(int) ? (int)n : target == typeof(ulong) ? (ulong)n
                    : target == typeof(uint) ? (uint)n : target == typeof(byte) ? (byte)n : throw new FormatException($"{path}: unsupported integer type {target.Name}.");
                return type.IsEnum ? Enum.ToObject(type, converted) : converted;
            }
            var element = ElementType(type);
            if (element != type)
            {
                if (value is not System.Collections.IEnumerable items || value is string) throw new FormatException($"{path} must be an array.");
                var list = items.Cast<object?>().Select((item, i) => FromEip712(element, item, $"{path}[{i}]")).ToList();
                var array = Array.CreateInstance(element, list.Count);
                for (var i = 0; i < list.Count; i++) array.SetValue(list[i], i);
                return array;
            }
            if (value is IReadOnlyDictionary<string, object?> members) return FromStruct(type, members, path);
            throw new FormatException($"{path} must be a {type.Name} object.");
        }
        catch (Exception e) when (e is OverflowException or ArgumentException or InvalidCastException)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    private static string AsString(object value, string path) =>
        value as string ?? (value is BigInteger n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : throw new FormatException($"{path} must be a string, got {value.GetType().Name}."));
}

/// <summary>A record type's EIP-712 struct: its type, constructor and the properties matching the constructor's parameters.</summary>
public sealed record StructShape(Eip712Type Type, ConstructorInfo Constructor, ParameterInfo[] Parameters, PropertyInfo[] Properties);

/// <summary>One transaction type: its EIP-712 name, call record type, and the struct types a wallet must declare to sign it.</summary>
public sealed record CallShape(string Name, Type CallType, StructShape Shape, IReadOnlyList<Eip712Type> Types, TypedDataEncoder Encoder);
