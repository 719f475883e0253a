using BenchmarkDotNet.Attributes;
using Livepeer.Chain.Bench.Scenarios;
using Livepeer.Chain.Execution;
using Livepeer.Chain.Sequencing;
using Livepeer.Core;

namespace Livepeer.Chain.Bench.Micro;

/// <summary>The per-transaction and per-block costs of the ledger's hot path, one at a time.</summary>
[MemoryDiagnoser]
public class TransactionCostBenchmarks
{
    private BenchLedger _ledger = null!;
    private byte[] _raw = null!;
    private ProtocolExecutor _executor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ledger = new BenchLedger(senders: 1000);
        _raw = _ledger.PreSign(1)[0][0];
        _executor = new ProtocolExecutor(_ledger.Genesis());
    }

    [GlobalCleanup]
    public void Cleanup() => _ledger.Dispose();

    /// <summary>JSON envelope + EIP-712 typed data + ecrecover: what admission pays before taking the lock.</summary>
    [Benchmark]
    public LedgerTransaction Decode() => _ledger.Codec.Decode(_raw);

    /// <summary>Serialize and hash the whole state (1000 funded accounts): what every sealed block pays once.</summary>
    [Benchmark]
    public Hash StateHash() => _executor.StateHash();
}
