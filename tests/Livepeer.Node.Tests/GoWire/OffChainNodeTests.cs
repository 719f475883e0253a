using System.Net;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Media.Segmenting;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Selection;
using Livepeer.Node.Tests.Network;

namespace Livepeer.Node.Tests.GoWire;

/// <summary>go-livepeer's off-chain mode with the project's own nodes: an orchestrator node with no ledger at all, and a broadcaster given its address.</summary>
public sealed class OffChainNodeTests
{
    [Fact]
    public async Task AnOffChainOrchestratorNodeTranscodesForAnOffChainBroadcasterWithoutTickets()
    {
        var dir = Directory.CreateTempSubdirectory("offchain-").FullName;
        try
        {
            var orchestratorKey = PrivateKey.Generate(new Random(91).NextBytes);
            // The ledger URL points at nothing: an off-chain orchestrator never calls it.
            await using var orchestrator = await OrchestratorNode.StartAsync(orchestratorKey, new InstantSegmentTranscoder(), new OrchestratorNodeOptions
            {
                DataDirectory = dir, ChainRpc = new Uri("http://127.0.0.1:9"), Listen = new IPEndPoint(IPAddress.Loopback, 0),
                Serving = new OrchestratorServingOptions { OffChain = true },
            }, TimeProvider.System);

            var broadcasterKey = PrivateKey.Generate(new Random(92).NextBytes);
            var options = new SelectionOptions();
            var suspensions = new SuspensionList(options, TimeProvider.System);
            var network = new OrchestratorClient(broadcasterKey, new StaticOrchestratorDirectory([orchestrator.ServiceUri]), new OrchestratorConnection(broadcasterKey),
                new OrchestratorSelector(options, suspensions, new Random(1)), suspensions, options) { OffChain = true };
            for (var seq = 0; seq < 3; seq++)
            {
                var segment = new MediaSegment("free", seq, new byte[2000].Select((_, i) => (byte)(i + seq)).ToArray(), seq * 180_000, 180_000, false, new SegmentTracks("h264", "aac", 640, 360));
                Assert.Equal(2, (await network.TranscodeAsync(segment, LocalNetwork.TinyLadder)).Renditions.Count);
            }
            Assert.Equal(0, network.TicketsSent);
            Assert.Equal(3, orchestrator.Core.Segments);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
