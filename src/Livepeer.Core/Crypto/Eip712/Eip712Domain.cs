namespace Livepeer.Core.Crypto.Eip712;

/// <summary>
/// The EIP-712 domain: every field is optional; the EIP712Domain type lists the present ones in the spec's order
/// (name, version, chainId, verifyingContract, salt).
/// </summary>
public sealed record Eip712Domain
{
    /// <summary>The type name the domain is hashed under.</summary>
    public const string TypeName = "EIP712Domain";

    /// <summary>The signing domain's user-readable name.</summary>
    public string? Name { get; init; }
    /// <summary>The current major version of the signing domain.</summary>
    public string? Version { get; init; }
    /// <summary>The EIP-155 chain id.</summary>
    public UInt256? ChainId { get; init; }
    /// <summary>The contract (or ledger component) that verifies the signature.</summary>
    public Address? VerifyingContract { get; init; }
    /// <summary>A disambiguating salt.</summary>
    public Hash? Salt { get; init; }

    /// <summary>The EIP712Domain type for the fields that are present.</summary>
    public Eip712Type Type
    {
        get
        {
            var fields = new List<Eip712Field>(5);
            if (Name is not null) fields.Add(new("name", "string"));
            if (Version is not null) fields.Add(new("version", "string"));
            if (ChainId is not null) fields.Add(new("chainId", "uint256"));
            if (VerifyingContract is not null) fields.Add(new("verifyingContract", "address"));
            if (Salt is not null) fields.Add(new("salt", "bytes32"));
            return new Eip712Type(TypeName, fields);
        }
    }

    /// <summary>The domain as a struct value.</summary>
    public Eip712Struct ToStruct()
    {
        var s = new Eip712Struct();
        if (Name is not null) s["name"] = Name;
        if (Version is not null) s["version"] = Version;
        if (ChainId is { } chainId) s["chainId"] = chainId;
        if (VerifyingContract is { } contract) s["verifyingContract"] = contract;
        if (Salt is { } salt) s["salt"] = salt;
        return s;
    }

    /// <summary>hashStruct(EIP712Domain, domain).</summary>
    public Hash Separator() => new TypedDataEncoder([Type]).HashStruct(TypeName, ToStruct());
}
