using BenchmarkDotNet.Attributes;
using Livepeer.Core;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;

namespace Livepeer.Protocol.Bench;

/// <summary>reward() for an orchestrator with 1 vs 10,000 delegators: O(1) in delegators.</summary>
[MemoryDiagnoser]
public class RewardBenchmarks
{
    [Params(1, 10_000)]
    public int Delegators;

    private BenchChain _chain = null!;
    private readonly Address _o = BenchChain.Actor(-1);

    [GlobalSetup]
    public void Setup()
    {
        var delegators = Enumerable.Range(0, Delegators).Select(BenchChain.Actor).ToArray();
        _chain = new BenchChain([(_o, BenchChain.Lpt(1_000_000)), .. delegators.Select(d => (d, BenchChain.Lpt(100)))]);
        _chain.StartRound(1);
        _chain.Call(_o, new BondCall(BenchChain.Lpt(1000), _o));
        foreach (var d in delegators) _chain.Call(d, new BondCall(BenchChain.Lpt(10), _o));
        _chain.StartRound(2);
    }

    /// <summary>reward() applied then undone, so every iteration is the round's first reward.</summary>
    [Benchmark]
    public CallResult Reward() => _chain.Engine.DryRun(_chain.State, _chain.Context, _o, new RewardCall());
}
