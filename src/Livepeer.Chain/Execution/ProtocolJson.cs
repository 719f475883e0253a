using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Livepeer.Chain.Execution;

/// <summary>JSON for protocol values: amounts as decimal strings (wei), addresses checksummed, hashes and bytes as 0x hex.</summary>
public static class ProtocolJson
{
    /// <summary>Options used for events in receipts, logs and views.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            IncludeFields = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { AddKinds } },
        };
        o.Converters.Add(new UInt256Converter());
        o.Converters.Add(new AddressConverter());
        o.Converters.Add(new HashConverter());
        o.Converters.Add(new BytesConverter());
        o.Converters.Add(new JsonStringEnumConverter());
        return o;
    }

    // Abstract protocol values (proposal actions) carry their concrete type in a "kind" member, so they read back.
    private static void AddKinds(JsonTypeInfo info)
    {
        if (info.Type != typeof(ProposalAction)) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "kind" };
        foreach (var t in typeof(ProposalAction).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(ProposalAction)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal))
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(t, t.Name));
    }

    private sealed class UInt256Converter : JsonConverter<UInt256>
    {
        public override UInt256 Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => UInt256.Parse(r.GetString()!);
        public override void Write(Utf8JsonWriter w, UInt256 v, JsonSerializerOptions o) => w.WriteStringValue(v.ToString());
    }

    private sealed class AddressConverter : JsonConverter<Address>
    {
        public override Address Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => Address.Parse(r.GetString()!);
        public override void Write(Utf8JsonWriter w, Address v, JsonSerializerOptions o) => w.WriteStringValue(v.ToChecksumString());
    }

    private sealed class HashConverter : JsonConverter<Hash>
    {
        public override Hash Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => Hash.Parse(r.GetString()!);
        public override void Write(Utf8JsonWriter w, Hash v, JsonSerializerOptions o) => w.WriteStringValue(v.ToString());
    }

    private sealed class BytesConverter : JsonConverter<byte[]>
    {
        public override byte[] Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => Hex.Decode(r.GetString()!);
        public override void Write(Utf8JsonWriter w, byte[] v, JsonSerializerOptions o) => w.WriteStringValue(Hex.Encode(v));
    }
}
