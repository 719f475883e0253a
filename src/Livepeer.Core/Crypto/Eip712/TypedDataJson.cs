using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Livepeer.Core.Crypto.Eip712;

/// <summary>Reads and writes the eth_signTypedData_v4 JSON form: {types, primaryType, domain, message}.</summary>
internal static class TypedDataJson
{
    private static readonly BigInteger MaxSafeInteger = (BigInteger.One << 53) - 1;

    internal static TypedData Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try { document = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new TypedDataException($"Typed data is not valid JSON: {e.Message}"); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new TypedDataException("Typed data JSON must be an object with types, primaryType, domain and message.");
            var typesElement = Required(root, "types", JsonValueKind.Object);
            var primaryType = Required(root, "primaryType", JsonValueKind.String).GetString()!;
            var domainElement = Required(root, "domain", JsonValueKind.Object);
            var messageElement = Required(root, "message", JsonValueKind.Object);

            var types = new List<Eip712Type>();
            List<Eip712Field>? declaredDomain = null;
            foreach (var property in typesElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Array) throw new TypedDataException($"types.{property.Name} must be an array of {{name, type}}.");
                var fields = property.Value.EnumerateArray().Select((f, i) =>
                {
                    if (f.ValueKind != JsonValueKind.Object) throw new TypedDataException($"types.{property.Name}[{i}] must be an object {{name, type}}.");
                    return new Eip712Field(
                        Required(f, "name", JsonValueKind.String, $"types.{property.Name}[{i}].").GetString()!,
                        Required(f, "type", JsonValueKind.String, $"types.{property.Name}[{i}].").GetString()!);
                }).ToList();
                if (property.Name == Eip712Domain.TypeName) declaredDomain = fields;
                else types.Add(new Eip712Type(property.Name, fields));
            }

            var domain = ParseDomain(domainElement);
            if (declaredDomain is not null)
            {
                var expected = domain.Type.Fields;
                if (!declaredDomain.SequenceEqual(expected))
                    throw new TypedDataException(
                        $"types.EIP712Domain ({Describe(declaredDomain)}) does not match the domain's fields; expected ({Describe(expected)}).");
            }
            var message = (IReadOnlyDictionary<string, object?>)ToValue(messageElement)!;
            return new TypedData(domain, primaryType, message, types);
        }
    }

    private static Eip712Domain ParseDomain(JsonElement element)
    {
        string? name = null, version = null;
        UInt256? chainId = null;
        Address? contract = null;
        Hash? salt = null;
        foreach (var property in element.EnumerateObject())
        {
            try
            {
                switch (property.Name)
                {
                    case "name": name = property.Value.GetString(); break;
                    case "version": version = property.Value.GetString(); break;
                    case "chainId":
                        chainId = property.Value.ValueKind == JsonValueKind.Number
                            ? new UInt256(BigInteger.Parse(property.Value.GetRawText(), NumberStyles.None, CultureInfo.InvariantCulture))
                            : UInt256.Parse(property.Value.GetString()!);
                        break;
                    case "verifyingContract": contract = Address.Parse(property.Value.GetString()!); break;
                    case "salt": salt = Hash.Parse(property.Value.GetString()!); break;
                    default: throw new TypedDataException($"domain.{property.Name} is not an EIP-712 domain field (name, version, chainId, verifyingContract, salt).");
                }
            }
            catch (Exception e) when (e is InvalidOperationException or OverflowException || (e is FormatException && e is not TypedDataException))
            {
                throw new TypedDataException($"domain.{property.Name}: {e.Message}");
            }
        }
        return new Eip712Domain { Name = name, Version = version, ChainId = chainId, VerifyingContract = contract, Salt = salt };
    }

    private static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new Eip712Struct(element.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, ToValue(p.Value)))),
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Number => BigInteger.TryParse(element.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new TypedDataException($"The number {element.GetRawText()} is not an integer; EIP-712 has no fractional numbers."),
        _ => throw new TypedDataException($"Unexpected JSON value {element.ValueKind}."),
    };

    private static JsonElement Required(JsonElement obj, string name, JsonValueKind kind, string prefix = "")
    {
        if (!obj.TryGetProperty(name, out var value)) throw new TypedDataException($"Typed data has no '{prefix}{name}'.");
        if (value.ValueKind != kind) throw new TypedDataException($"'{prefix}{name}' must be a JSON {kind.ToString().ToLowerInvariant()}, got {value.ValueKind.ToString().ToLowerInvariant()}.");
        return value;
    }

    private static string Describe(IEnumerable<Eip712Field> fields) => string.Join(",", fields.Select(f => $"{f.Type} {f.Name}"));

    internal static string Write(TypedData data, bool indented)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteStartObject("types");
            WriteFields(w, Eip712Domain.TypeName, data.Domain.Type.Fields);
            foreach (var (name, fields) in data.Types) WriteFields(w, name, fields);
            w.WriteEndObject();
            w.WriteString("primaryType", data.PrimaryType);
            w.WritePropertyName("domain");
            var domainEncoder = new TypedDataEncoder([data.Domain.Type]);
            WriteValue(w, domainEncoder.Normalize(Eip712Domain.TypeName, data.Domain.ToStruct(), "domain"));
            w.WritePropertyName("message");
            WriteValue(w, data.Encoder.Normalize(data.PrimaryType, data.Message, data.PrimaryType));
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteFields(Utf8JsonWriter w, string name, IReadOnlyList<Eip712Field> fields)
    {
        w.WriteStartArray(name);
        foreach (var field in fields)
        {
            w.WriteStartObject();
            w.WriteString("name", field.Name);
            w.WriteString("type", field.Type);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> members:
                w.WriteStartObject();
                foreach (var (k, v) in members)
                {
                    w.WritePropertyName(k);
                    WriteValue(w, v);
                }
                w.WriteEndObject();
                break;
            case List<object> items:
                w.WriteStartArray();
                foreach (var item in items) WriteValue(w, item);
                w.WriteEndArray();
                break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case Address a: w.WriteStringValue(a.ToChecksumString()); break;
            case byte[] bytes: w.WriteStringValue(Hex.Encode(bytes)); break;
            // Integers that JavaScript numbers hold exactly stay numbers; larger ones become decimal strings, which wallets accept.
            case BigInteger n when BigInteger.Abs(n) <= MaxSafeInteger: w.WriteRawValue(n.ToString(CultureInfo.InvariantCulture)); break;
            case BigInteger n: w.WriteStringValue(n.ToString(CultureInfo.InvariantCulture)); break;
            default: throw new TypedDataException($"Cannot write a {value?.GetType().Name ?? "null"} to typed-data JSON.");
        }
    }
}
