using BenchmarkDotNet.Attributes;
using Livepeer.Core;
using Livepeer.Protocol.Calls;

namespace Livepeer.Protocol.Bench;

/// <summary>
/// Protocol operations per second on one core without signature checks: a steady mix of LPT transfers, approvals,
/// bonds, unbonds, rebonds, claims, reward-free fee deposits and service-URI updates, each a committed Apply.
/// </summary>
[MemoryDiagnoser]
public class ThroughputBenchmarks
{
    private const int Actors = 64;
    public const int OpsPerInvoke = 8 * Actors;
    private BenchChain _chain = null!;
    private Address[] _actors = null!;
    private readonly Address _o = BenchChain.Actor(-1);
    private readonly UInt256 _wei = UInt256.One;

    [GlobalSetup]
    public void Setup()
    {
        _actors = Enumerable.Range(0, Actors).Select(BenchChain.Actor).ToArray();
        _chain = new BenchChain([(_o, BenchChain.Lpt(1_000_000)), .. _actors.Select(a => (a, BenchChain.Lpt(1_000)))]);
        _chain.StartRound(1);
        _chain.Call(_o, new BondCall(BenchChain.Lpt(1000), _o));
        foreach (var a in _actors) _chain.Call(a, new BondCall(BenchChain.Lpt(10), _o));
        _chain.StartRound(2);
    }

    [Benchmark(OperationsPerInvoke = OpsPerInvoke)]
    public void MixedOperations()
    {
        var c = _chain;
        for (var i = 0; i < Actors; i++)
        {
            var a = _actors[i];
            var b = _actors[(i + 1) % Actors];
            c.Call(a, new TransferCall(b, _wei));
            c.Call(a, new ApproveCall(b, _wei));
            c.Call(a, new BondCall(_wei, _o));
            c.Call(a, new UnbondCall(_wei));
            c.Call(a, new RebondCall(c.State.DelegatorOf(a).NextUnbondingLockId - 1));
            c.Call(a, new ClaimEarningsCall(c.Round));
            c.Call(a, new FundDepositCall(_wei));
            c.Call(a, new SetServiceUriCall("https://127.0.0.1:8936"));
        }
    }
}
