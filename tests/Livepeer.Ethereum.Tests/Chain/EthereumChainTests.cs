using System.Numerics;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Ethereum.Chain;
using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Rpc;
using Livepeer.Ethereum.Tests.Contracts;
using Livepeer.Ethereum.Transactions;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.TicketBroker;

namespace Livepeer.Ethereum.Tests.Chain;

public sealed class EthereumChainTests
{
    private static readonly UInt256 Lpt = new(BigInteger.Pow(10, 18));
    private static readonly UInt256 Eth = new(BigInteger.Pow(10, 18));

    private static async Task<EthereumChain> Connect(DeployedProtocol protocol, int? account)
    {
        var network = EthereumNetwork.Resolve("anvil", Address.Parse(protocol.Record.Controller));
        var key = account is { } i ? PrivateKey.Parse(protocol.Keys[i]) : null;
        var policy = new GasPolicy { ReceiptPollInterval = TimeSpan.FromMilliseconds(50), MineTimeout = TimeSpan.FromSeconds(30) };
        return await EthereumChain.ConnectAsync(new EthereumRpc(protocol.RpcUrl), network, key, policy);
    }

    [Fact]
    public async Task BondRegisterRewardAndRedeemAWinningTicketThroughTheNodeInterface()
    {
        await using var protocol = await DeployedProtocol.StartAsync();
        using var anyone = await Connect(protocol, 0);
        using var orchestrator = await Connect(protocol, 1);
        using var delegator = await Connect(protocol, 2);
        using var broadcaster = await Connect(protocol, 3);
        ILivepeerChain chain = orchestrator;
        var orch = orchestrator.Account!.Value;

        await protocol.NextRoundAsync();
        await orchestrator.BondAsync(100 * Lpt, orch); // approves the BondingManager first
        await orchestrator.TranscoderAsync(rewardCut: 100_000, feeShare: 500_000);
        await orchestrator.SetServiceUriAsync("https://127.0.0.1:8935");
        await delegator.BondAsync(50 * Lpt, orch);
        await broadcaster.FundDepositAndReserveAsync(Eth, Eth);

        await MineToNextRoundAsync(protocol, anyone);
        var newRound = await anyone.InitializeRoundAsync();
        var again = await Assert.ThrowsAsync<ChainTransactionException>(() => orchestrator.InitializeRoundAsync());
        Assert.Equal("RoundAlreadyInitialized", again.Reason);

        var round = await chain.GetRoundInfoAsync();
        Assert.True(round.Initialized);
        Assert.Equal(round.CurrentRound, newRound.Named("NewRound").Single().Args.GetProperty("round").GetInt64());
        Assert.Equal(150 * Lpt, round.CurrentRoundTotalActiveStake);
        Assert.Equal([new PoolEntry(orch, 150 * Lpt)], (await chain.GetTranscoderPoolAsync()).ToArray());

        var rewarded = await chain.RewardAsync();
        var reward = Assert.Single(rewarded.Named("Reward")).Args; // named as the ledger's events are
        Assert.Equal(orch.ToString(), reward.GetProperty("transcoder").GetString());
        Assert.True(UInt256.Parse(reward.GetProperty("amount").GetString()!) > UInt256.Zero);
        var transcoder = await chain.GetTranscoderAsync(orch);
        Assert.Equal((true, true, round.CurrentRound, 100_000L, "https://127.0.0.1:8935"),
            (transcoder.Registered, transcoder.Active, transcoder.LastRewardRound, transcoder.RewardCut, transcoder.ServiceUri));
        var delegatorView = await chain.GetDelegatorAsync(delegator.Account!.Value);
        Assert.Equal(DelegatorStatus.Bonded, delegatorView.Status);
        Assert.True(delegatorView.PendingStake > 50 * Lpt, "the delegator's share of the reward");
        var twice = await Assert.ThrowsAsync<ChainTransactionException>(() => chain.RewardAsync());
        Assert.Equal("RewardAlreadyCalled", twice.Reason);

        var (ticket, signature, rand) = WinningTicket(PrivateKey.Parse(protocol.Keys[3]), orch, faceValue: Eth / (UInt256)10, round);
        var redeemed = await chain.SendAsync(new RedeemWinningTicketCall(ticket, signature, rand));
        Assert.Single(redeemed.Named("WinningTicketRedeemed"));
        Assert.Equal(Eth - Eth / (UInt256)10, (await chain.GetSenderInfoAsync(broadcaster.Account!.Value)).Deposit);
        Assert.True((await chain.GetDelegatorAsync(delegator.Account!.Value)).PendingFees > UInt256.Zero);
        var replay = await Assert.ThrowsAsync<ChainTransactionException>(() => chain.RedeemWinningTicketAsync(ticket, signature, rand));
        Assert.Equal("TicketUsed", replay.Reason);
    }

    [Fact]
    public async Task AClientToldAnotherNetworkRefusesToConnectAndUnsupportedCallsAreTypedRefusals()
    {
        await using var protocol = await DeployedProtocol.StartAsync();
        var arbitrum = EthereumNetwork.Resolve("arbitrum-one-mainnet", Address.Parse(protocol.Record.Controller));

        var wrong = await Assert.ThrowsAsync<WrongChainException>(() => EthereumChain.ConnectAsync(new EthereumRpc(protocol.RpcUrl), arbitrum, PrivateKey.Parse(protocol.Keys[1])));
        Assert.Equal((42161L, 31337L), (wrong.ExpectedChainId, wrong.ActualChainId));

        using var chain = await Connect(protocol, 1);
        var gov = await Assert.ThrowsAsync<ChainTransactionException>(() => chain.GetProposalsAsync()); // this deployment has no governor
        Assert.Equal("NotSupported", gov.Reason);
        using var reader = await Connect(protocol, null);
        Assert.Null(reader.Account);
        await Assert.ThrowsAsync<InvalidOperationException>(() => reader.RewardAsync());
    }

    private static async Task MineToNextRoundAsync(DeployedProtocol protocol, EthereumChain chain)
    {
        using var rpc = new EthereumRpc(protocol.RpcUrl);
        var block = await chain.BlockNumberAsync();
        var toMine = protocol.Parameters.RoundLength - block % protocol.Parameters.RoundLength;
        await rpc.RequestAsync<object>("anvil_mine", CancellationToken.None, "0x" + toMine.ToString("x"));
    }

    private static (Ticket, byte[], UInt256) WinningTicket(PrivateKey sender, Address recipient, UInt256 faceValue, Protocol.Views.RoundInfoView round)
    {
        var rand = new UInt256(BigInteger.Parse("123456789123456789"));
        var ticket = new Ticket(recipient, sender.Address, faceValue, UInt256.MaxValue, (UInt256)1, Ticket.RecipientRandHashOf(rand),
            round.CurrentRound, round.CurrentRoundBlockHash);
        return (ticket, sender.Sign(ticket.SigningDigest()).ToArray(), rand);
    }
}
