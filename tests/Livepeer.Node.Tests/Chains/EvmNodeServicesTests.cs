using System.Numerics;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Ethereum.Rpc;
using Livepeer.Node.Chains;
using Livepeer.Node.Devnet;
using Livepeer.Node.Payments;
using Livepeer.Node.Services;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.TicketBroker;

namespace Livepeer.Node.Tests.Chains;

/// <summary>
/// The orchestrator's chain services on a real anvil with Livepeer's contracts, through the same seam the nodes use
/// (<see cref="EthereumConnector"/>): the reward service initializes rounds and calls reward; the redeemer redeems a
/// winning ticket from the persistent queue and spends no gas on one the contract would refuse.
/// </summary>
public sealed class EvmNodeServicesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("evm-node-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RoundsRewardsAndRedemptionsRunOnAnvilAndATicketThatWouldRevertCostsNoTransaction()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cts.Token;
        var orchestrator = PrivateKey.Generate();
        var broadcaster = PrivateKey.Generate();
        var state = Path.Combine(_dir, "anvil");
        await using var evm = await EvmDevnet.StartAsync(0, state, TimeSpan.FromSeconds(1), ProtocolParameters.Devnet with { RoundLength = 6 },
            [(orchestrator.Address, ProtocolParameters.Lpt(1000))], [(orchestrator.Address, ProtocolParameters.Lpt(10)), (broadcaster.Address, ProtocolParameters.Lpt(10))],
            [], 0, new Progress<string>(), ct);
        Assert.False(evm.Resumed);
        using var o = await evm.Connector.ConnectAsync(orchestrator, TimeProvider.System, ct);
        using var b = await evm.Connector.ConnectAsync(broadcaster, TimeProvider.System, ct);
        var rewards = new RewardService(o, TimeProvider.System);

        await rewards.TickAsync(ct); // initializes the deployment's round: bonding needs it
        var registered = (await o.GetRoundInfoAsync(ct)).CurrentRound;
        await RoundSafe.RunAsync(o, () => o.BondAsync(ProtocolParameters.Lpt(500), orchestrator.Address, ct), TimeProvider.System, ct);
        await RoundSafe.RunAsync(o, () => o.TranscoderAsync(100_000, 500_000, ct), TimeProvider.System, ct);
        await RoundSafe.RunAsync(o, () => o.SetServiceUriAsync("https://127.0.0.1:8936/", ct), TimeProvider.System, ct);
        await RoundSafe.RunAsync(b, () => b.FundDepositAndReserveAsync(ProtocolParameters.Lpt(1), ProtocolParameters.Lpt(1), ct), TimeProvider.System, ct);

        var round = await o.GetRoundInfoAsync(ct);
        while (round.CurrentRound <= registered || !round.Initialized || (await o.GetTranscoderAsync(orchestrator.Address, ct)).LastRewardRound < round.CurrentRound)
        {
            await Task.Delay(500, ct);
            await rewards.TickAsync(ct);
            round = await o.GetRoundInfoAsync(ct);
        }
        Assert.Equal(round.CurrentRound, rewards.LastRewardRound);
        var transcoder = await o.GetTranscoderAsync(orchestrator.Address, ct);
        Assert.True(transcoder.Active && transcoder.TotalStake > ProtocolParameters.Lpt(500), "reward() minted to the active orchestrator");
        Assert.Equal("https://127.0.0.1:8936/", transcoder.ServiceUri);

        var rand = new UInt256(BigInteger.Parse("987654321987654321"));
        var ticket = new Ticket(orchestrator.Address, broadcaster.Address, ProtocolParameters.Lpt(1) / (UInt256)10, UInt256.MaxValue, (UInt256)1,
            Ticket.RecipientRandHashOf(rand), round.CurrentRound, round.CurrentRoundBlockHash);
        var forged = ticket with { SenderNonce = (UInt256)2 };
        using var queue = new SqliteRedemptionQueue(Path.Combine(_dir, "tickets.db"));
        queue.Enqueue([
            new WinningTicket(forged, orchestrator.Sign(forged.SigningDigest()).ToArray(), rand, "s"), // not the sender's signature
            new WinningTicket(ticket, broadcaster.Sign(ticket.SigningDigest()).ToArray(), rand, "s"),
        ]);
        using var rpc = new EthereumRpc(evm.Anvil.RpcUrl);
        var nonce = await rpc.TransactionCountAsync(orchestrator.Address.ToString(), "latest", ct);

        Assert.Equal(1, await new TicketRedeemer(queue, o, TimeProvider.System).RedeemPendingAsync(ct));
        var all = queue.All();
        Assert.Equal(RedemptionStatus.Failed, all.Single(q => q.Winning.Ticket == forged).Status);
        Assert.StartsWith("InvalidSignature", all.Single(q => q.Winning.Ticket == forged).LastError);
        Assert.Equal(RedemptionStatus.Redeemed, all.Single(q => q.Winning.Ticket == ticket).Status);
        Assert.Equal(nonce + 1, await rpc.TransactionCountAsync(orchestrator.Address.ToString(), "latest", ct)); // the refused one was never sent
        Assert.Equal(ProtocolParameters.Lpt(1) - ticket.FaceValue, (await b.GetSenderInfoAsync(broadcaster.Address, ct)).Deposit);
        var logs = await ChainLogs.GetAsync(o, 0, await ChainLogs.HeadAsync(o, ct), ["WinningTicketRedeemed", "Reward"], ct);
        Assert.Single(logs, l => l.Event.Name == "WinningTicketRedeemed");
        Assert.Contains(logs, l => l.Event.Name == "Reward");

        // `livepeer devnet --chain evm` restarted: the same state directory loads the same chain, nothing is deployed again.
        var head = await rpc.BlockNumberAsync(ct);
        await evm.DisposeAsync(); // SIGTERM: anvil saves its state (disposing twice is harmless)
        await using var again = await EvmDevnet.StartAsync(0, state, TimeSpan.FromSeconds(1), ProtocolParameters.Devnet with { RoundLength = 6 },
            [(orchestrator.Address, ProtocolParameters.Lpt(1000))], [], [], 0, new Progress<string>(), ct);
        using var reader = await again.Connector.ConnectAsync(null, TimeProvider.System, ct);
        Assert.True(again.Resumed);
        Assert.Equal(evm.Record.Controller, again.Record.Controller);
        Assert.True(await reader.BlockNumberAsync(ct) >= head, "the chain carries on from its last block");
        Assert.Equal(ProtocolParameters.Lpt(1) - ticket.FaceValue, (await reader.GetSenderInfoAsync(broadcaster.Address, ct)).Deposit);
        Assert.Equal(transcoder.ServiceUri, (await reader.GetTranscoderAsync(orchestrator.Address, ct)).ServiceUri);
    }
}
