using Livepeer.Core;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Payments;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Node.Tests.Network;

/// <summary>The broadcaster settles each segment on the pixels the orchestrator charged, so their balances never drift apart.</summary>
public sealed class ChargesSettleTests
{
    [Fact]
    public async Task RenditionsWithMoreFramesThanEstimatedAreStillPaidFor()
    {
        await using var network = await LocalNetwork.StartAsync(accounts: 1, seed: 91);
        // Three extra frames per rendition (~10% over the estimate); each segment costs about 1.6 tickets' expected value.
        var orchestrator = await network.StartOrchestratorAsync(network.Accounts[0], 500, new InstantSegmentTranscoder(extraFrames: 3),
            new OrchestratorServingOptions { PricePerUnit = (UInt256)100_000_000UL },
            new PaymentOptions { RedemptionCost = (UInt256)10_000_000_000_000UL, TicketExpectedValue = (UInt256)250_000_000_000_000UL, ParamsValidityBlocks = 100_000 });
        await network.FundBroadcasterAsync();
        await network.NextRoundAsync();

        var broadcaster = network.Transcoder([LocalNetwork.Candidate(orchestrator, ProtocolParameters.Lpt(500))]);
        for (var seq = 0; seq < 40; seq++)
            await broadcaster.TranscodeAsync(OrchestratorCapacityTests.Segment("drift", seq), LocalNetwork.TinyLadder);
        var stats = broadcaster.Stats[orchestrator.Core.Address];
        Assert.Equal(40, stats.Segments);
        Assert.Equal(0, stats.Failures);
    }
}
