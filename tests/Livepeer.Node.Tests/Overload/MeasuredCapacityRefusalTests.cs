using System.Text.Json.Nodes;
using Livepeer.Core;
using Livepeer.Media.Pipeline;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Orchestrator.Capacity;
using Livepeer.Node.Tests.Network;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Node.Tests.Overload;

/// <summary>
/// An orchestrator whose measured capacity is full refuses a new stream before accepting it (go-livepeer's 403
/// OrchestratorCapped on discovery), never by timing out after; the broadcaster plays that stream source-only for reason "refused".
/// </summary>
public sealed class MeasuredCapacityRefusalTests
{
    [Fact]
    public async Task ASecondStreamIsRefusedUpFrontWhenTheMeasuredCapacityIsOne()
    {
        // Measured: one session at 60 % of real time, two at 120 %: capacity 1.
        var measured = await CapacityEstimator.MeasureAsync((n, _) => Task.FromResult(1200L * n), 2000, 8, "test", null, CancellationToken.None);
        Assert.Equal(1, measured.Sessions);
        await using var network = await LocalNetwork.StartAsync(accounts: 1, seed: 151);
        var transcoder = new InstantSegmentTranscoder();
        var orchestrator = await network.StartOrchestratorAsync(network.Accounts[0], 500, transcoder,
            new OrchestratorServingOptions { MaxSessions = measured.Sessions, MeasuredCapacity = measured });
        await network.FundBroadcasterAsync();
        await network.NextRoundAsync();
        var metrics = new BroadcasterMetrics();
        var broadcaster = network.Transcoder([LocalNetwork.Candidate(orchestrator, ProtocolParameters.Lpt(500))], metrics: metrics);

        await broadcaster.TranscodeAsync(OrchestratorCapacityTests.Segment("first", 0), LocalNetwork.TinyLadder);
        var refused = await Assert.ThrowsAsync<TranscodeException>(() => broadcaster.TranscodeAsync(OrchestratorCapacityTests.Segment("second", 0), LocalNetwork.TinyLadder));
        var call = Assert.IsType<OrchestratorCallException>(refused.InnerException);
        Assert.Equal("at-capacity", call.Reason);
        Assert.Contains(OrchestratorRefusal.CappedText, call.Message);
        Assert.Equal(SourceOnlyReason.Refused, SourceOnlyReasons.Of(new PipelineResult(OrchestratorCapacityTests.Segment("second", 0), null, refused)));
        Assert.Equal(1, transcoder.Jobs); // refused before any work, not after
        Assert.Empty(broadcaster.Suspensions.Current()); // being full is no fault
        await broadcaster.TranscodeAsync(OrchestratorCapacityTests.Segment("first", 1), LocalNetwork.TinyLadder); // the admitted stream goes on
        Assert.Equal(2, transcoder.Jobs);

        var status = await orchestrator.StatusAsync(CancellationToken.None);
        Assert.Equal(1, (int)status["capacity"]!);
        var shown = status["capacityMeasured"]!.AsObject();
        Assert.Equal(1, (int)shown["sessions"]!);
        Assert.Equal(60, (long)shown["trials"]![0]!["realTimePercent"]!);
        Assert.Equal(120, (long)shown["trials"]![1]!["realTimePercent"]!);
        using var text = new MemoryStream();
        await orchestrator.Metrics.Registry.CollectAndExportAsTextAsync(text);
        var scraped = System.Text.Encoding.UTF8.GetString(text.ToArray());
        Assert.Contains("livepeer_orchestrator_capacity_measured_sessions 1", scraped);
        Assert.Contains("livepeer_orchestrator_capacity_realtime_percent 60", scraped);
    }
}
