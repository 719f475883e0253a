using Livepeer.Core;
using Livepeer.Protocol.Parameters;
using Xunit.Abstractions;

namespace Livepeer.Ethereum.Tests.Differential;

/// <summary>
/// The differential harness of "Settle on Ethereum" (issue 19, item 3) with the C# engine on both sides until the
/// contracts' target is plugged in: it shows the generator covers every role, that the engine is deterministic under
/// 2,000 random calls, and that the comparison catches a rule difference.
/// </summary>
public sealed class EngineDifferentialTests(ITestOutputHelper output)
{
    private const int Seed = 20_261_202;

    [Fact]
    public async Task TwoEnginesAgreeOn2000RandomCallsAcrossEveryRole()
    {
        var actors = DifferentialActors.Create();
        await using var left = new EngineTarget(actors.Genesis(), "engine A");
        await using var right = new EngineTarget(actors.Genesis(), "engine B");
        var report = await new DifferentialRunner(left, right, actors.Addresses).RunAsync(new CallGenerator(Seed, actors), 2_000);
        output.WriteLine($"seed {report.Seed}: {report.Calls} calls, {report.Checkpoints} checkpoints");
        foreach (var (kind, (accepted, refused)) in report.ByKind) output.WriteLine($"  {kind}: {accepted} accepted, {refused} refused");
        foreach (var (reason, count) in report.RefusalReasons) output.WriteLine($"  refused {reason} x{count}");

        Assert.Null(report.Divergence);
        Assert.True(report.Calls >= 2_000, $"only {report.Calls} calls");
        // Every role's calls must actually happen, not only be refused.
        string[] kinds =
        [
            "initializeRound", "bond", "bondFor", "unbond", "rebond", "rebondFromUnbonded", "transferBond", "withdrawStake", "withdrawFees",
            "claimEarnings", "transcoder", "reward", "redeemWinningTicket", "fundDepositAndReserve", "fundDepositAndReserveFor", "unlock",
            "cancelUnlock", "withdraw", "reportFailedVerification", "attestFailedVerification", "slashEquivocation", "propose", "castVote", "execute",
        ];
        foreach (var kind in kinds)
            Assert.True(report.ByKind.TryGetValue(kind, out var c) && c.Accepted > 0, $"seed {Seed}: no {kind} call was accepted");
    }

    [Fact]
    public async Task ADifferentRuleOnOneSideIsReportedWithTheSeed()
    {
        // The right engine keeps no treasury cut: the first checkpoint after a reward must differ.
        var actors = DifferentialActors.Create();
        var genesis = actors.Genesis();
        await using var left = new EngineTarget(genesis, "engine");
        await using var right = new EngineTarget(genesis with { Parameters = genesis.Parameters with { TreasuryRewardCutRate = UInt256.Zero } }, "no-treasury engine");
        var report = await new DifferentialRunner(left, right, actors.Addresses).RunAsync(new CallGenerator(Seed, actors), 300);
        output.WriteLine(report.Divergence ?? "no divergence");
        Assert.NotNull(report.Divergence);
        Assert.Contains($"seed {Seed}", report.Divergence);
        Assert.Contains("treasury", report.Divergence);
    }
}
