using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using Google.Protobuf;
using Grpc.Net.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Ethereum.Chain;
using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Rpc;
using Livepeer.Ethereum.Tests.Contracts;
using Livepeer.Ethereum.Transactions;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Payments;
using Livepeer.Node.Tests.GoWire;
using Livepeer.Wire.Auth;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Ethereum.Tests.GoWire;

/// <summary>
/// The wire reference's last payment row, on a shared chain: a go-rules broadcaster (tickets hashed and signed by the
/// facts in <see cref="GoRules"/>, funded through Livepeer's TicketBroker interface on anvil) pays the project's
/// orchestrator, whose chain state and redeemer are the EVM ones; its winning tickets are redeemed on chain.
/// </summary>
public sealed class GoBroadcasterPaysOnChainTests
{
    private static readonly BigInteger Eth = BigInteger.Pow(10, 18);
    private const int O = 1, B = 3;

    /// <summary>Echoes the segment once per profile (the payment, not the media, is under test).</summary>
    private sealed class EchoTranscoder : IOrchestratorTranscoder
    {
        public Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<TranscodedRendition>>(job.Profiles.Select(p => new TranscodedRendition(p.Name, job.Data, (long)p.Width * p.Height * 60, "video/mp2t")).ToList());
    }

    [Fact]
    public async Task AGoBroadcastersWinningTicketsAreRedeemedOnChainByOurOrchestrator()
    {
        var ct = CancellationToken.None;
        await using var chain = await DeployedProtocol.StartAsync();
        await chain.NextRoundAsync();
        await chain.ApproveAndBondAsync(O, 100 * DeployedProtocol.Lpt, O);
        await chain.SendAsync(O, "BondingManager", "transcoder", BigInteger.Zero, new BigInteger(500_000));
        await chain.SendValueAsync(B, "TicketBroker", "fundDepositAndReserve", 2 * Eth, Eth, Eth);
        await chain.NextRoundAsync();

        var orchestratorKey = PrivateKey.Parse(chain.Keys[O]);
        var broadcasterKey = PrivateKey.Parse(chain.Keys[B]);
        using var rpc = new EthereumRpc(chain.RpcUrl);
        using var eth = await EthereumChain.ConnectAsync(rpc, EthereumNetwork.Resolve("anvil", Address.Parse(chain.Record.Controller)), orchestratorKey,
            new GasPolicy { ReceiptPollInterval = TimeSpan.FromMilliseconds(50) }, ct);
        var state = new ChainTicketState(eth);
        await state.RefreshAsync(ct);

        // Every ticket wins (expected value = face value), so each one the go broadcaster sends is redeemable.
        var faceValue = (UInt256)10_000_000_000_000UL;
        var payments = new PaymentOptions { RedemptionCost = faceValue, TxCostMultiplier = 1, TicketExpectedValue = faceValue };
        var issuer = new TicketParamsIssuer(orchestratorKey.Address, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), payments);
        var dir = Directory.CreateTempSubdirectory("gopay-").FullName;
        try
        {
            using var queue = new SqliteRedemptionQueue(Path.Combine(dir, "redemptions.db"));
            var options = new OrchestratorServingOptions { MaxSessions = 2, ServiceUri = new Uri("https://127.0.0.1:1") };
            var core = new OrchestratorCore(orchestratorKey, options, issuer, new PaymentReceiver(issuer, state, queue, payments), state,
                new AuthTokenIssuer(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), TimeProvider.System), new EchoTranscoder(), TimeProvider.System);
            var cert = SelfSignedCertificate.LoadOrCreate(Path.Combine(dir, "tls.pfx"), TimeProvider.System);
            await using var server = await OrchestratorServer.StartAsync(core, orchestratorKey, new IPEndPoint(IPAddress.Loopback, 0), cert, options.MaxSegmentBytes);
            options.ServiceUri = server.Address;
            static SocketsHttpHandler Trusting() => new() { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };
            using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = Trusting() });
            using var http = new HttpClient(Trusting()) { BaseAddress = server.Address };

            // go's broadcaster: discovery signed by its rule, then a segment paid with two tickets laid out and signed as go does.
            var info = await new Proto.Orchestrator.OrchestratorClient(channel).GetOrchestratorAsync(new Proto.OrchestratorRequest
            {
                Address = ByteString.CopyFrom(broadcasterKey.Address.Bytes),
                Sig = ByteString.CopyFrom(GoRules.Sign(broadcasterKey, GoRules.InfoSigMessage(broadcasterKey.Address))),
                Capabilities = new Proto.Capabilities { Bitstring = { GoRules.Bits(GoRules.AuthToken, GoRules.H264, GoRules.MpegTs) } },
            }).ResponseAsync;
            Assert.Equal(await chain.CurrentRoundAsync(), info.TicketParams.ExpirationParams.CreationRound);
            var body = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
            var seg = GoRules.SegData(broadcasterKey, info, "onchain", 1, body, GoRules.DefaultLadder, GoRules.Bits(GoRules.AuthToken, GoRules.H264, GoRules.MpegTs));
            var payment = GoRules.Payment(broadcasterKey, info, tickets: 2);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/segment") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("video/MP2T");
            request.Headers.Add("Livepeer-Segment", Convert.ToBase64String(seg.ToByteArray()));
            request.Headers.Add("Livepeer-Payment", Convert.ToBase64String(payment.ToByteArray()));
            using var response = await http.SendAsync(request, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(2, queue.Pending().Count);

            // Redeemed on chain from the persistent queue: the contract accepts go's ticket hash and signature.
            var redeemer = new TicketRedeemer(queue, eth, TimeProvider.System);
            Assert.Equal(2, await redeemer.RedeemPendingAsync(ct));
            foreach (var sent in payment.TicketSenderParams)
            {
                var hash = GoRules.TicketHash(info.TicketParams, broadcasterKey.Address, sent.SenderNonce, info.TicketParams.ExpirationParams);
                Assert.True(await chain.CallAsync<bool>("TicketBroker", "usedTickets", hash));
            }
            var sender = await eth.GetSenderInfoAsync(broadcasterKey.Address, ct);
            Assert.Equal((UInt256)Eth - faceValue - faceValue, sender.Deposit); // 1 ETH deposited (and 1 ETH of reserve)
            // Replayed, the same payment is refused by the orchestrator before any gas is spent.
            using var again = new HttpRequestMessage(HttpMethod.Post, "/segment") { Content = new ByteArrayContent(body) };
            again.Headers.Add("Livepeer-Segment", Convert.ToBase64String(seg.ToByteArray()));
            again.Headers.Add("Livepeer-Payment", Convert.ToBase64String(payment.ToByteArray()));
            using var replay = await http.SendAsync(again, ct);
            Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
            Assert.Empty(queue.Pending());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
