using Grpc.Core;
using Livepeer.Core;
using Livepeer.Media.Segmenting;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Selection;
using Livepeer.Node.Tests.Transcoders;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Node.Tests.Network;

/// <summary>An orchestrator at capacity says so, and the broadcaster takes the stream elsewhere.</summary>
public sealed class OrchestratorCapacityTests
{
    [Fact]
    public async Task AFullOrchestratorRefusesANewStreamAndTheBroadcasterGoesElsewhere()
    {
        await using var network = await LocalNetwork.StartAsync(accounts: 2, seed: 71);
        var full = await network.StartOrchestratorAsync(network.Accounts[0], 800, new InstantSegmentTranscoder(), new OrchestratorServingOptions { MaxSessions = 1 });
        var other = await network.StartOrchestratorAsync(network.Accounts[1], 200, new InstantSegmentTranscoder());
        await network.FundBroadcasterAsync();
        await network.NextRoundAsync();

        // The broadcaster always picks the full orchestrator first (all weight on stake) while it will have it; its first
        // stream takes the only session there.
        var broadcaster = network.Transcoder(
            [LocalNetwork.Candidate(full, ProtocolParameters.Lpt(800)), LocalNetwork.Candidate(other, UInt256.Zero)],
            new SelectionOptions { StakeWeightPercent = 100 });
        await broadcaster.TranscodeAsync(Segment("first", 0), LocalNetwork.TinyLadder);
        Assert.Equal(1, full.Core.Sessions.Count);
        Assert.Equal(1, full.Core.Segments);

        // It says so on discovery (gRPC ResourceExhausted)...
        using var connection = new OrchestratorConnection(network.BroadcasterKey);
        var refused = await Assert.ThrowsAsync<OrchestratorCallException>(() => connection.GetInfoAsync(full.ServiceUri, CancellationToken.None));
        Assert.Equal("at-capacity", refused.Reason);
        Assert.Equal(StatusCode.ResourceExhausted, Assert.IsType<RpcException>(refused.InnerException).StatusCode);

        // ...so the second stream goes to the other orchestrator,
        for (var seq = 0; seq < 3; seq++)
        {
            var result = await broadcaster.TranscodeAsync(Segment("second", seq), LocalNetwork.TinyLadder);
            Assert.Equal(LocalNetwork.TinyLadder.Count, result.Renditions.Count);
        }
        Assert.Equal(3, other.Core.Segments);
        Assert.Equal(3, broadcaster.Stats[other.Core.Address].Segments);
        Assert.Equal(1, broadcaster.Stats[full.Core.Address].FailuresByReason.GetValueOrDefault("at-capacity"));

        // ...while the first stream keeps its session there: being full is no fault to suspend it for, and when its ticket
        // parameters age out (a new round), the refresh for the session it holds is not refused as a new stream.
        await network.NextRoundAsync();
        for (var seq = 1; seq < 3; seq++) await broadcaster.TranscodeAsync(Segment("first", seq), LocalNetwork.TinyLadder);
        Assert.Equal(3, full.Core.Segments);
        Assert.Equal(3, other.Core.Segments);
        Assert.Equal(0, broadcaster.Stats[full.Core.Address].FailuresByReason.GetValueOrDefault("expired-params"));
    }

    [Fact]
    public async Task ASegmentRefusedWith503IsTranscodedElsewhereInTheSameAttempt()
    {
        await using var network = await LocalNetwork.StartAsync(accounts: 2, seed: 73);
        var full = await network.StartOrchestratorAsync(network.Accounts[0], 800, new InstantSegmentTranscoder(),
            new OrchestratorServingOptions { MaxSessions = 1, SessionIdleTimeout = TimeSpan.FromMilliseconds(300) });
        var other = await network.StartOrchestratorAsync(network.Accounts[1], 200, new InstantSegmentTranscoder());
        await network.FundBroadcasterAsync();
        await network.NextRoundAsync();

        // This broadcaster's stream had a session at the full orchestrator, went idle, and lost the slot to another stream.
        var idle = network.Transcoder([LocalNetwork.Candidate(full, ProtocolParameters.Lpt(800)), LocalNetwork.Candidate(other, UInt256.Zero)],
            new SelectionOptions { StakeWeightPercent = 100 });
        await idle.TranscodeAsync(Segment("idle", 0), LocalNetwork.TinyLadder);
        await PoolHarness.Until(() => full.Core.Sessions.Count == 0, "the idle stream's session at the full orchestrator expires (300 ms idle timeout)");
        var busy = network.Transcoder([LocalNetwork.Candidate(full, ProtocolParameters.Lpt(800))]);
        await busy.TranscodeAsync(Segment("busy", 0), LocalNetwork.TinyLadder);

        // Its next segment is refused with 503 at POST time and goes to the other orchestrator within the same call.
        await idle.TranscodeAsync(Segment("idle", 1), LocalNetwork.TinyLadder);
        Assert.Equal(1, idle.Stats[full.Core.Address].FailuresByReason.GetValueOrDefault("at-capacity"));
        Assert.Equal(1, idle.Stats[other.Core.Address].Segments);
        Assert.Equal(1, other.Core.Segments);
        Assert.Equal(2, full.Core.Segments);
    }

    internal static MediaSegment Segment(string stream, long seq) =>
        new(stream, seq, new byte[4096], seq * 180_000, 180_000, false, new SegmentTracks("h264", "aac", 640, 360));
}
