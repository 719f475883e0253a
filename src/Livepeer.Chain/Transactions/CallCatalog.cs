using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using Livepeer.Core.Crypto.Eip712;

namespace Livepeer.Chain.Transactions;

/// <summary>
/// The transaction types the ledger accepts: one EIP-712 struct per declared call record (see
/// <see cref="Livepeer.Protocol.Calls.CallRegistry"/>), with a leading <c>uint256 nonce</c> and then the declared fields.
/// Names come only from the declarations; the C# types are checked against the declared EIP-712 types at start:
/// Address→address, UInt256→uint256, Hash→bytes32, byte[]→bytes, string, bool, long→int64, int→int32,
/// ulong→uint64, uint→uint32, enums→uint8, declared records→structs, arrays/IReadOnlyList/ImmutableArray→T[].
/// EIP-712 has no polymorphism, so a list of an abstract record type binds one declared array per concrete subtype
/// (ProposalAction[] → parameterChanges, treasurySpends, verifierSetChanges), and every concrete subtype must have one.
/// </summary>
public sealed class CallCatalog
{
    /// <summary>The field every transaction struct starts with.</summary>
    public const string NonceField = "nonce";

    private readonly Dictionary<string, CallShape> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, CallShape> _byType = [];
    private readonly Dictionary<Type, SignedStruct> _declared = [];
    private readonly Dictionary<string, SignedStruct> _declaredByName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, StructShape> _structs = new();

    /// <summary>Builds the catalog from declared call records and the records nested in them; throws
    /// InvalidOperationException when a declaration does not match its C# record.</summary>
    public CallCatalog(IEnumerable<SignedStruct> calls, IEnumerable<SignedStruct> structs)
    {
        var callList = calls.ToList();
        foreach (var s in callList.Concat(structs))
        {
            if (!_declared.TryAdd(s.Type, s)) throw new InvalidOperationException($"{s.Type.Name} is declared twice.");
            if (!_declaredByName.TryAdd(s.Name, s)) throw new InvalidOperationException($"Two records are declared as the struct {s.Name}.");
        }
        foreach (var declaration in callList.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var type = declaration.Type;
            var shape = StructOf(type);
            var name = shape.Type.Name;
            var primary = new Eip712Type(name, [new Eip712Field(NonceField, "uint256"), .. shape.Type.Fields]);
            var types = new List<Eip712Type> { primary };
            CollectNested(type, types, []);
            var call = new CallShape(name, type, shape, types, new TypedDataEncoder(types));
            _byName.Add(name, call);
            _byType[type] = call;
        }
    }

    /// <summary>The protocol's transaction types, from <see cref="Livepeer.Protocol.Calls.CallRegistry"/>.</summary>
    public static CallCatalog Protocol() =>
        new(Livepeer.Protocol.Calls.CallRegistry.Calls.Select(c => c.Signed), Livepeer.Protocol.Calls.CallRegistry.Structs);

    /// <summary>The transaction type names, sorted.</summary>
    public IEnumerable<string> Names => _byName.Keys.Order(StringComparer.Ordinal);

    /// <summary>The shape of a transaction type by its EIP-712 name, or null.</summary>
    public CallShape? Find(string primaryType) => _byName.GetValueOrDefault(primaryType);

    /// <summary>The shape of a call record type.</summary>
    public CallShape For(Type callType) =>
        _byType.GetValueOrDefault(callType) ?? throw new ArgumentException($"{callType.Name} is not a transaction type of this ledger.", nameof(callType));

    private void CollectNested(Type type, List<Eip712Type> types, HashSet<Type> seen)
    {
        foreach (var binding in StructOf(type).Bindings)
        {
            var element = binding.Subtype ?? ElementType(binding.Parameter.ParameterType);
            if (IsRecord(element) && seen.Add(element))
            {
                types.Add(StructOf(element).Type);
                CollectNested(element, types, seen);
            }
        }
    }

    private SignedStruct Declared(Type type) =>
        _declared.GetValueOrDefault(type) ?? throw new InvalidOperationException($"{type.Name} is used in a transaction but has no signed declaration.");

    // Walks the record's constructor parameters and its declared fields side by side: a declared field binds the
    // parameter in the same place, and its declared type must be what the parameter's C# type maps to.
    private StructShape StructOf(Type type) => _structs.GetOrAdd(type, t =>
    {
        var declaration = Declared(t);
        var ctor = t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{t.Name} has no public constructor.");
        var fields = declaration.Fields;
        var next = 0;
        var bindings = new List<FieldBinding>();
        foreach (var p in ctor.GetParameters())
        {
            var property = t.GetProperty(p.Name!) ?? throw new InvalidOperationException($"{t.Name}.{p.Name} has no matching property.");
            var element = ElementType(p.ParameterType);
            if (element != p.ParameterType && element.IsAbstract)
            {
                var subtypes = element.Assembly.GetTypes().Where(s => s.IsSubclassOf(element) && !s.IsAbstract).ToHashSet();
                var bound = new HashSet<Type>();
                while (next < fields.Count && fields[next].Type.EndsWith("[]", StringComparison.Ordinal)
                    && _declaredByName.GetValueOrDefault(fields[next].Type[..^2]) is { } sub && subtypes.Contains(sub.Type))
                {
                    bindings.Add(new FieldBinding(new Eip712Field(fields[next].Name, fields[next].Type), p, property, sub.Type));
                    bound.Add(sub.Type);
                    next++;
                }
                if (subtypes.Except(bound).FirstOrDefault() is { } missing)
                    throw new InvalidOperationException($"{declaration.Name}: {element.Name} subtype {missing.Name} has no declared array field.");
                continue;
            }
            if (next >= fields.Count) throw new InvalidOperationException($"{declaration.Name} declares fewer fields than {t.Name} has parameters.");
            var field = fields[next++];
            var mapped = SolidityType(p.ParameterType, t);
            if (field.Type != mapped)
                throw new InvalidOperationException($"{declaration.Name}.{field.Name} is declared {field.Type}, but {t.Name}.{p.Name} is a {mapped}.");
            bindings.Add(new FieldBinding(new Eip712Field(field.Name, field.Type), p, property, null));
        }
        if (next != fields.Count) throw new InvalidOperationException($"{declaration.Name} declares more fields than {t.Name} has parameters.");
        return new StructShape(new Eip712Type(declaration.Name, bindings.Select(b => b.Field).ToList()), ctor, bindings);
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
        if (IsRecord(type)) return StructOf(type).Type.Name;
        throw new InvalidOperationException($"{owner.Name}: no EIP-712 type for {type.Name}.");
    }

    private static bool IsRecord(Type t) => t.IsClass && t != typeof(string) && t != typeof(byte[]) && !t.IsArray;

    private static bool IsList(Type t) => t.IsGenericType && t.GetGenericTypeDefinition() is var g
        && (g == typeof(IReadOnlyList<>) || g == typeof(IReadOnlyCollection<>) || g == typeof(ImmutableArray<>));

    private static Type ElementType(Type t) => t.IsArray && t != typeof(byte[]) ? t.GetElementType()! : IsList(t) ? t.GetGenericArguments()[0] : t;

    /// <summary>A record's value as an EIP-712 struct value.</summary>
    internal Eip712Struct ToStruct(object value)
    {
        var result = new Eip712Struct();
        foreach (var b in StructOf(value.GetType()).Bindings)
        {
            var member = b.Property.GetValue(value);
            result[b.Field.Name] = b.Subtype is { } s
                ? ((IEnumerable)member!).Cast<object>().Where(item => item.GetType() == s).Select(ToEip712).ToList()
                : ToEip712(member);
        }
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
        Enum e => new BigInteger(Convert.ToInt64(e, CultureInfo.InvariantCulture)),
        Hash h => h.ToArray(),
        Address or string or bool or byte[] => value,
        IEnumerable items => items.Cast<object?>().Select(ToEip712).ToList(),
        _ => ToStruct(value),
    };

    /// <summary>Builds a record from an EIP-712 struct value (as parsed from JSON), or throws FormatException naming the member.</summary>
    internal object FromStruct(Type type, IReadOnlyDictionary<string, object?> value, string path)
    {
        var shape = StructOf(type);
        var args = new object?[shape.Constructor.GetParameters().Length];
        foreach (var group in shape.Bindings.GroupBy(b => b.Parameter.Position))
        {
            var bindings = group.ToList();
            var parameter = bindings[0].Parameter;
            if (bindings[0].Subtype is null)
            {
                var field = bindings[0].Field.Name;
                if (!value.TryGetValue(field, out var member)) throw new FormatException($"{path}.{field} is missing.");
                args[parameter.Position] = FromEip712(parameter.ParameterType, member, $"{path}.{field}");
                continue;
            }
            var items = new List<object?>();
            foreach (var b in bindings)
            {
                if (!value.TryGetValue(b.Field.Name, out var member)) throw new FormatException($"{path}.{b.Field.Name} is missing.");
                items.AddRange(ListOf(member, $"{path}.{b.Field.Name}").Select((item, i) => FromEip712(b.Subtype!, item, $"{path}.{b.Field.Name}[{i}]")));
            }
            args[parameter.Position] = MakeCollection(parameter.ParameterType, ElementType(parameter.ParameterType), items);
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
                var n = value is BigInteger big ? big : BigInteger.Parse(AsString(value, path), CultureInfo.InvariantCulture);
                var target = type.IsEnum ? Enum.GetUnderlyingType(type) : type;
                // BigInteger's explicit conversions throw OverflowException when the value does not fit.
                object converted = target == typeof(long) ? (long)n : target == typeof(int) ? (int)n : target == typeof(ulong) ? (ulong)n
                    : target == typeof(uint) ? (uint)n : target == typeof(byte) ? (byte)n : throw new FormatException($"{path}: unsupported integer type {target.Name}.");
                if (type.IsEnum && !Enum.IsDefined(type, Enum.ToObject(type, converted))) throw new FormatException($"{path}: {n} is not a valid {type.Name}.");
                return type.IsEnum ? Enum.ToObject(type, converted) : converted;
            }
            var element = ElementType(type);
            if (element != type)
                return MakeCollection(type, element, ListOf(value, path).Select((item, i) => FromEip712(element, item, $"{path}[{i}]")).ToList());
            if (value is IReadOnlyDictionary<string, object?> members) return FromStruct(type, members, path);
            throw new FormatException($"{path} must be a {type.Name} object.");
        }
        catch (Exception e) when (e is OverflowException or ArgumentException or InvalidCastException)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    private static IEnumerable<object?> ListOf(object? value, string path) =>
        value is IEnumerable items and not string and not byte[] ? items.Cast<object?>() : throw new FormatException($"{path} must be an array.");

    private static object MakeCollection(Type collectionType, Type element, IReadOnlyList<object?> items)
    {
        var array = Array.CreateInstance(element, items.Count);
        for (var i = 0; i < items.Count; i++) array.SetValue(items[i], i);
        if (!collectionType.IsGenericType || collectionType.GetGenericTypeDefinition() != typeof(ImmutableArray<>)) return array;
        var create = typeof(ImmutableArray).GetMethods().Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }]);
        return create.MakeGenericMethod(element).Invoke(null, [array])!;
    }

    private static string AsString(object value, string path) =>
        value as string ?? (value is BigInteger n ? n.ToString(CultureInfo.InvariantCulture) : throw new FormatException($"{path} must be a string, got {value.GetType().Name}."));
}

/// <summary>How one EIP-712 field binds to a constructor parameter (for abstract lists, to one concrete subtype of it).</summary>
public sealed record FieldBinding(Eip712Field Field, ParameterInfo Parameter, PropertyInfo Property, Type? Subtype);

/// <summary>A record type's EIP-712 struct: its type, constructor and field bindings.</summary>
public sealed record StructShape(Eip712Type Type, ConstructorInfo Constructor, IReadOnlyList<FieldBinding> Bindings);

/// <summary>One transaction type: its EIP-712 name, call record type, and the struct types a wallet must declare to sign it.</summary>
public sealed record CallShape(string Name, Type CallType, StructShape Shape, IReadOnlyList<Eip712Type> Types, TypedDataEncoder Encoder);
