using CsCheck;

namespace Livepeer.Protocol.Tests.Properties;

public class RandomOperationsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void SeededLongRandomSequencesKeepEveryInvariantAndReplay(int seed)
    {
        var random = new Random(seed);
        var run = new RandomRun();
        for (var i = 0; i < 1500; i++) run.Step(random.Next(), random.Next(), random.Next(), random.Next());
        Assert.True(run.Succeeded > 400, $"only {run.Succeeded} calls succeeded; the generator is not exercising the protocol");
        Assert.Equal(run.Chain.State.ComputeStateHash(), run.Replay());
        // Snapshots survive a round trip.
        Assert.Equal(run.Chain.State.Serialize(), Protocol.State.ProtocolState.Deserialize(run.Chain.State.Serialize()).Serialize());
    }

    [Fact]
    public void CsCheckRandomSequencesKeepEveryInvariant()
    {
        var op = Gen.Select(Gen.Int[0, 22], Gen.Int[0, 8], Gen.Int[0, 8], Gen.Int[0, 400]);
        op.Array[20, 120].Sample(ops =>
        {
            var run = new RandomRun();
            foreach (var (k, a, b, x) in ops) run.Step(k, a, b, x);
            Assert.Equal(run.Chain.State.ComputeStateHash(), run.Replay());
        }, seed: "0N0XIzNsQ0O2", iter: 60, threads: 1);
    }
}
