using BenchmarkDotNet.Attributes;
using Livepeer.Core;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;

namespace Livepeer.Protocol.Bench;

/// <summary>claimEarnings after 10 vs 10,000 rounds of rewards: LIP-36 makes both the same cost.</summary>
[MemoryDiagnoser]
public class ClaimEarningsBenchmarks
{
    [Params(10, 10_000)]
    public int Rounds;

    private BenchChain _chain = null!;
    private readonly Address _o = BenchChain.Actor(1), _d = BenchChain.Actor(2);

    [GlobalSetup]
    public void Setup()
    {
        _chain = new BenchChain([(_o, BenchChain.Lpt(1_000_000)), (_d, BenchChain.Lpt(1_000_000))]);
        _chain.StartRound(1);
        _chain.Call(_o, new BondCall(BenchChain.Lpt(1000), _o));
        _chain.Call(_o, new TranscoderUpdateCall(100_000, 500_000));
        _chain.Call(_d, new BondCall(BenchChain.Lpt(1000), _o));
        for (var r = 2; r <= Rounds + 1; r++)
        {
            _chain.StartRound(r);
            _chain.Call(_o, new RewardCall());
        }
    }

    /// <summary>The delegator's first claim after all those rounds (applied, then undone so every iteration is a first claim).</summary>
    [Benchmark]
    public CallResult ClaimEarnings() => _chain.Engine.DryRun(_chain.State, _chain.Context, _d, new ClaimEarningsCall(_chain.Round));
}
