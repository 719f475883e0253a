using BenchmarkDotNet.Attributes;
using Livepeer.Core.Crypto;

namespace Livepeer.Core.Bench.Crypto;

/// <summary>Keccak-256 over 32 B, 1 KiB and 1 MiB inputs.</summary>
[MemoryDiagnoser]
public class KeccakBenchmarks
{
    private byte[] _data = [];
    private readonly byte[] _output = new byte[32];

    [Params(32, 1024, 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        new Random(1).NextBytes(_data);
    }

    [Benchmark]
    public byte[] Hash()
    {
        Keccak256.Hash(_data, _output);
        return _output;
    }
}
