using BenchmarkDotNet.Attributes;
using Livepeer.Core.Crypto;

namespace Livepeer.Core.Bench.Crypto;

/// <summary>secp256k1 through libsecp256k1: sign, recover the signer's address, verify against a public key.</summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private PrivateKey _key = null!;
    private Hash _hash;
    private Signature _signature = null!;
    private PublicKey _publicKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _key = PrivateKey.Generate(span => random.NextBytes(span));
        _hash = Keccak256.Hash("benchmark"u8);
        _signature = _key.Sign(_hash);
        _publicKey = _key.PublicKey;
    }

    [Benchmark]
    public Signature Sign() => _key.Sign(_hash);

    /// <summary>Recovery including the Keccak of the public key: what checking a ticket or transaction signature costs.</summary>
    [Benchmark]
    public Address RecoverAddress() => _signature.Recover(_hash);

    [Benchmark]
    public bool Verify() => _publicKey.Verify(_hash, _signature);
}
