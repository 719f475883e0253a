using System.Numerics;
using System.Text;
using Livepeer.Core.Crypto.Eip712;

namespace Livepeer.Chain.Transactions;

/// <summary>
/// Signed ledger transactions. The raw bytes are UTF-8 JSON <c>{"typedData": &lt;eth_signTypedData_v4 object&gt;,
/// "signature": "0x…"}</c>: any standard wallet can produce them. Domain: name "Livepeer", version "1", the chain id.
/// The transaction hash is keccak256(EIP-712 digest | signature).
/// </summary>
public sealed class TransactionCodec(CallCatalog catalog, ulong chainId) : ITransactionDecoder
{
    /// <summary>Largest raw transaction accepted.</summary>
    public const int MaxRawBytes = 64 * 1024;
    /// <summary>The EIP-712 domain name.</summary>
    public const string DomainName = "Livepeer";
    /// <summary>The EIP-712 domain version.</summary>
    public const string DomainVersion = "1";

    /// <summary>The signing domain of this chain.</summary>
    public Eip712Domain Domain { get; } = new() { Name = DomainName, Version = DomainVersion, ChainId = chainId };

    /// <summary>The typed data a wallet signs for <paramref name="call"/> at <paramref name="nonce"/>.</summary>
    public TypedData ToTypedData(object call, ulong nonce)
    {
        var shape = catalog.For(call.GetType());
        var message = catalog.ToStruct(call);
        message[CallCatalog.NonceField] = new BigInteger(nonce);
        return new TypedData(Domain, shape.Name, message, shape.Types);
    }

    /// <summary>Signs a call and returns the raw transaction bytes.</summary>
    public byte[] Encode(object call, ulong nonce, PrivateKey key)
    {
        var typed = ToTypedData(call, nonce);
        return Envelope(typed.ToJson(), typed.Sign(key));
    }

    /// <summary>Wraps typed-data JSON and its signature (e.g. from ethers' signTypedData) as raw transaction bytes.</summary>
    public static byte[] Envelope(string typedDataJson, Signature signature) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["typedData"] = JsonNode.Parse(typedDataJson), ["signature"] = signature.ToString() }.ToJsonString());

    /// <inheritdoc />
    public LedgerTransaction Decode(byte[] raw)
    {
        if (raw.Length > MaxRawBytes) throw Reject("Oversized", $"The transaction is {raw.Length} bytes; at most {MaxRawBytes} are accepted.");
        string typedJson, signatureText;
        try
        {
            var root = JsonNode.Parse(raw) as JsonObject ?? throw new JsonException("not an object");
            typedJson = (root["typedData"] as JsonObject ?? throw new JsonException("typedData must be an object")).ToJsonString();
            signatureText = root["signature"]?.GetValue<string>() ?? throw new JsonException("signature is missing");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw Reject("Malformed", $"A transaction is {{\"typedData\": {{…}}, \"signature\": \"0x…\"}}: {e.Message}");
        }

        TypedData typed;
        try { typed = TypedData.Parse(typedJson); }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw Reject("Malformed", $"The typed data is not valid EIP-712: {e.Message}");
        }
        if (typed.Domain.Name != DomainName || typed.Domain.Version != DomainVersion || typed.Domain.VerifyingContract is not null || typed.Domain.Salt is not null)
            throw Reject("WrongDomain", $"The EIP-712 domain must be {{name: \"{DomainName}\", version: \"{DomainVersion}\", chainId}} and nothing else.");
        if (typed.Domain.ChainId is not { } id || id != (UInt256)chainId)
            throw Reject("WrongChainId", $"The transaction is for chain {typed.Domain.ChainId?.ToString() ?? "(none)"}; this ledger is chain {chainId}.");
        var shape = catalog.Find(typed.PrimaryType)
            ?? throw Reject("UnknownCall", $"'{typed.PrimaryType}' is not a transaction type; known: {string.Join(", ", catalog.Names)}.");
        if (!SameTypes(typed, shape))
            throw Reject("SchemaMismatch", $"The declared types for {shape.Name} differ from the ledger's: {shape.Encoder.EncodeType(shape.Name)}.");

        object call;
        ulong nonce;
        try
        {
            nonce = typed.Message.TryGetValue(CallCatalog.NonceField, out var n) && n is not null
                ? (ulong)(n is BigInteger b ? b : BigInteger.Parse(n.ToString()!, System.Globalization.CultureInfo.InvariantCulture))
                : throw new FormatException("nonce is missing");
            call = catalog.FromStruct(shape.CallType, typed.Message, shape.Name);
        }
        catch (Exception e) when (e is FormatException or OverflowException or System.Reflection.TargetInvocationException)
        {
            throw Reject("Malformed", $"The {shape.Name} message is invalid: {(e.InnerException ?? e).Message}");
        }

        Signature signature;
        Address sender;
        try
        {
            signature = Signature.Parse(signatureText);
            sender = typed.Recover(signature);
        }
        catch (Exception e) when (e is InvalidSignatureException or FormatException)
        {
            throw Reject("BadSignature", $"The signature is invalid: {e.Message}");
        }
        var hash = Keccak256.HashConcat(typed.Digest.ToArray(), signature.ToArray());
        return new LedgerTransaction(hash, sender, nonce, raw, call);
    }

    private static bool SameTypes(TypedData typed, CallShape shape)
    {
        if (typed.Types.Count != shape.Types.Count) return false;
        foreach (var t in shape.Types)
        {
            if (!typed.Types.TryGetValue(t.Name, out var fields) || !fields.SequenceEqual(t.Fields)) return false;
        }
        return true;
    }

    private static TransactionRejectedException Reject(string reason, string message) => new(reason, message);
}
