namespace Livepeer.Core.Crypto.Eip712;

/// <summary>
/// A complete EIP-712 typed-data message (domain, struct types, primary type, message) as eth_signTypedData_v4 carries it:
/// hashes to keccak256(0x19 0x01 || domainSeparator || hashStruct(message)), signs and recovers.
/// </summary>
public sealed class TypedData
{
    private readonly TypedDataEncoder _encoder;

    /// <summary>Builds and validates typed data; throws <see cref="TypedDataException"/> naming what does not fit.</summary>
    public TypedData(Eip712Domain domain, string primaryType, IReadOnlyDictionary<string, object?> message, IEnumerable<Eip712Type> types)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(primaryType);
        ArgumentNullException.ThrowIfNull(message);
        var declared = types.ToList();
        if (declared.Any(t => t.Name == Eip712Domain.TypeName))
            throw new TypedDataException($"Do not declare {Eip712Domain.TypeName} among the types; it follows from the domain's fields.");
        Domain = domain;
        PrimaryType = primaryType;
        Message = message;
        _encoder = new TypedDataEncoder(declared);
        if (!_encoder.Types.ContainsKey(primaryType))
            throw new TypedDataException($"The primary type '{primaryType}' is not among the declared types ({string.Join(", ", _encoder.Types.Keys)}).");
        DomainSeparator = domain.Separator();
        MessageHash = _encoder.HashStruct(primaryType, message);
        Digest = Eip712Digest.Compute(DomainSeparator, MessageHash);
    }

    /// <summary>The signing domain.</summary>
    public Eip712Domain Domain { get; }
    /// <summary>The struct type of <see cref="Message"/>.</summary>
    public string PrimaryType { get; }
    /// <summary>The message value.</summary>
    public IReadOnlyDictionary<string, object?> Message { get; }
    /// <summary>The declared struct types (without EIP712Domain).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> Types => _encoder.Types;
    /// <summary>The encoder over the declared types.</summary>
    public TypedDataEncoder Encoder => _encoder;

    /// <summary>hashStruct(EIP712Domain, domain).</summary>
    public Hash DomainSeparator { get; }
    /// <summary>hashStruct(primaryType, message).</summary>
    public Hash MessageHash { get; }
    /// <summary>keccak256(0x1901 || domainSeparator || hashStruct(message)): the hash that is signed.</summary>
    public Hash Digest { get; }

    /// <summary>Signs the digest.</summary>
    public Signature Sign(PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Sign(Digest);
    }

    /// <summary>The address that signed this typed data.</summary>
    public Address Recover(Signature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return signature.Recover(Digest);
    }

    /// <summary>Parses the eth_signTypedData_v4 JSON form (as ethers and MetaMask write it).</summary>
    public static TypedData Parse(string json) => TypedDataJson.Parse(json);

    /// <summary>Writes the eth_signTypedData_v4 JSON form, EIP712Domain type included.</summary>
    public string ToJson(bool indented = false) => TypedDataJson.Write(this, indented);
}
