using Livepeer.Chain.Client;
using Livepeer.Chain.Hosting;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Node.Payments;
using Livepeer.Node.Tests.Support;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Views;

namespace Livepeer.Node.Tests.Payments;

/// <summary>Tickets made by the node's payment code redeem on a real ledger, and the queue survives restarts.</summary>
public sealed class RedemptionTests : IAsyncLifetime
{
    private readonly PrivateKey _broadcaster = PrivateKey.Generate(new Random(21).NextBytes);
    private readonly PrivateKey _orchestrator = PrivateKey.Generate(new Random(22).NextBytes);
    private readonly string _dir = Directory.CreateTempSubdirectory("redeem-").FullName;
    private LedgerNode _ledger = null!;

    public async Task InitializeAsync() => _ledger = await TwoAccountLedger.StartAsync(_dir, _orchestrator, _broadcaster);

    public async Task DisposeAsync()
    {
        await _ledger.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed class LedgerTicketChain(LedgerClient client, long validity) : ITicketChainState
    {
        public long BlockNumber { get; set; }
        public RoundInfoView Round { get; set; } = null!;
        public long TicketValidityPeriod => validity;
        public async Task Refresh() { BlockNumber = await client.BlockNumberAsync(); Round = await client.GetRoundInfoAsync(); }
        public async ValueTask<SenderInfoView> SenderInfoAsync(Address sender, CancellationToken ct) => await client.GetSenderInfoAsync(sender, ct);
        public async ValueTask<UInt256> ClaimableReserveAsync(Address sender, Address recipient, CancellationToken ct) => await client.GetClaimableReserveAsync(sender, recipient, ct);
    }

    // Rounds are long (2000 blocks) so load never ends one mid-test; the test moves to the next round itself by sealing blocks.
    private async Task NextRound(LedgerClient client)
    {
        var start = (await client.GetRoundInfoAsync()).CurrentRound;
        while (_ledger.Sequencer.Read(b => Livepeer.Protocol.Engine.ProtocolEngine.CurrentRound(_ledger.Executor.State, b.Number)) == start)
            _ledger.Sequencer.SealBlock();
        await client.InitializeRoundAsync();
    }

    [Fact]
    public async Task WinningTicketsFromTheNodeRedeemOnTheLedgerIntoTheOrchestratorsFees()
    {
        using var orch = new LedgerClient(_ledger.RpcUri, _orchestrator);
        using var bcast = new LedgerClient(_ledger.RpcUri, _broadcaster);
        await orch.InitializeRoundAsync();
        await orch.BondAsync(ProtocolParameters.Lpt(500), _orchestrator.Address);
        await orch.TranscoderAsync(0, 1_000_000); // all fees to delegators (here: itself)
        await bcast.FundDepositAndReserveAsync(ProtocolParameters.Lpt(1), ProtocolParameters.Lpt(1));
        await NextRound(orch); // the orchestrator becomes active

        var chain = new LedgerTicketChain(orch, (await orch.GetParametersAsync()).TicketValidityPeriod);
        await chain.Refresh();
        using var queue = new SqliteRedemptionQueue(Path.Combine(_dir, "orch", "tickets.db"));
        var options = new PaymentOptions { RedemptionCost = 1_000_000, TxCostMultiplier = 1, TicketExpectedValue = 1_000_000 }; // every ticket wins
        var issuer = new TicketParamsIssuer(_orchestrator.Address, Enumerable.Repeat((byte)7, 32).ToArray(), options);
        var receiver = new PaymentReceiver(issuer, chain, queue, options);
        var p = issuer.Issue(_broadcaster.Address, chain, ProtocolParameters.Lpt(1));
        var receipt = await receiver.ReceiveAsync(new PaymentSender(_broadcaster).Pay(p, p.ExpectedValueAttowei * 3), "session", CancellationToken.None);
        Assert.Equal(3, receipt.WinningTickets);

        // Replayed onto a reopened queue: nothing was lost.
        queue.Dispose();
        using var reopened = new SqliteRedemptionQueue(Path.Combine(_dir, "orch", "tickets.db"));
        Assert.Equal(3, reopened.Pending().Count);

        var redeemer = new TicketRedeemer(reopened, orch, TimeProvider.System);
        Assert.Equal(3, await redeemer.RedeemPendingAsync(CancellationToken.None));
        Assert.Equal(3, reopened.Counts()[RedemptionStatus.Redeemed]);
        Assert.Equal(ProtocolParameters.Lpt(1) - 3_000_000, (await bcast.GetSenderInfoAsync(_broadcaster.Address)).Deposit);

        // A second redemption of the same tickets is refused for good and recorded.
        reopened.Enqueue([reopened.All()[0].Winning with { SessionId = "again" }]); // duplicate hash: ignored
        Assert.Empty(reopened.Pending());
    }
}
