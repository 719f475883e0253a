using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Simulation;
using Livepeer.Protocol.Tests.Properties;

namespace Livepeer.Protocol.Tests.Simulation;

public class SimulatorTests
{
    private static SimulationOptions Options(ulong seed) => new()
    {
        Rounds = 30, Orchestrators = 5, Delegators = 20, Broadcasters = 2, Seed = seed,
        Parameters = ProtocolParameters.Devnet with { NumActiveTranscoders = 5 },
    };

    [Fact]
    public void SameSeedSameRunAndInvariantsHold()
    {
        var a = new Simulator(Options(7));
        var statsA = a.Run().ToList();
        var b = new Simulator(Options(7));
        var statsB = b.Run().ToList();
        Assert.Equal(statsA, statsB);
        Assert.Equal(a.State.ComputeStateHash(), b.State.ComputeStateHash());
        Assert.Equal(30, statsA.Count);
        Assert.All(statsA, s => Assert.True(s.TotalSupply > Core.UInt256.Zero));
        // Inflation moves by exactly inflationChange each round.
        for (var i = 1; i < statsA.Count; i++) Assert.Equal(500, Math.Abs(statsA[i].Inflation - statsA[i - 1].Inflation));
        Assert.Contains(statsA, s => s.RewardCalls < 5); // some orchestrators skip reward
        Invariants.Check(a.State, statsA[^1].Round, a.State.Supply.Value.TotalSupply - a.State.Minter.Value.TotalMinted + a.State.Minter.Value.TotalBurned);
    }

    [Fact]
    public void DifferentSeedDifferentRun() =>
        Assert.NotEqual(new Simulator(Options(1)).Run().Last(), new Simulator(Options(2)).Run().Last());

    [Fact]
    public void BadOptionsAreRejected() =>
        Assert.Throws<ArgumentException>(() => new Simulator(new SimulationOptions { Rounds = 0 }));
}
