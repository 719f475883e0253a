using BenchmarkDotNet.Attributes;
using Livepeer.Core.Crypto.Eip712;

namespace Livepeer.Core.Bench.Crypto;

/// <summary>The EIP-712 digest of the spec's Mail message: domain separator, hashStruct with nested structs, final hash.</summary>
[MemoryDiagnoser]
public class Eip712Benchmarks
{
    private static readonly Eip712Type[] Types =
    [
        new("Person", ("name", "string"), ("wallet", "address")),
        new("Mail", ("from", "Person"), ("to", "Person"), ("contents", "string")),
    ];

    private readonly Eip712Domain _domain = new()
    {
        Name = "Ether Mail",
        Version = "1",
        ChainId = 1UL,
        VerifyingContract = Address.Parse("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"),
    };

    private readonly Eip712Struct _mail = new()
    {
        ["from"] = new Eip712Struct { ["name"] = "Cow", ["wallet"] = Address.Parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826") },
        ["to"] = new Eip712Struct { ["name"] = "Bob", ["wallet"] = Address.Parse("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB") },
        ["contents"] = "Hello, Bob!",
    };

    private readonly TypedDataEncoder _encoder = new(Types);
    private Hash _separator;

    [GlobalSetup]
    public void Setup() => _separator = _domain.Separator();

    /// <summary>Full work: validate types, domain separator, message hash, digest.</summary>
    [Benchmark]
    public Hash DigestFromScratch() => new TypedData(_domain, "Mail", _mail, Types).Digest;

    /// <summary>The ledger's hot path: cached encoder and domain separator, hash one message.</summary>
    [Benchmark]
    public Hash DigestWithCachedDomain() => Eip712Digest.Compute(_separator, _encoder.HashStruct("Mail", _mail));
}
