using System.Numerics;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.TicketBroker;

namespace Livepeer.Ethereum.Tests.SameBalance;

/// <summary>
/// The scripted run (issue 13 item 5): bonds, transcoder registrations, rounds, rewards, claimEarnings, a deposit and
/// reserve, winning tickets redeemed, fees withdrawn, unbond/withdrawStake and unlock/withdraw, each call in a fixed
/// round counted from <c>firstRound</c>, so both chains see the same round schedule.
/// </summary>
public sealed class ScriptedRun(IScriptedChain chain, ScriptActors actors, long firstRound)
{
    private static readonly UInt256 Lpt = ProtocolParameters.Lpt(1);
    private static readonly UInt256 Eth = ProtocolParameters.Lpt(1);
    private readonly Dictionary<PrivateKey, ILivepeerChain> _as = [];
    private ulong _ticketNonce;

    /// <summary>The calls sent (for the test's output).</summary>
    public int Calls { get; private set; }

    /// <summary>Winning tickets redeemed.</summary>
    public int TicketsRedeemed { get; private set; }

    /// <summary>The round the run ends in.</summary>
    public long LastRound => firstRound + 4;

    private ILivepeerChain As(PrivateKey key) => _as.TryGetValue(key, out var c) ? c : _as[key] = chain.As(key);

    private async Task<ChainReceipt> Do(PrivateKey who, Func<ILivepeerChain, Task<ChainReceipt>> call)
    {
        Calls++;
        return await chain.SendAsync(() => call(As(who)));
    }

    private async Task Round(int offset, PrivateKey initializer)
    {
        await chain.AdvanceToRoundAsync(firstRound + offset);
        await Do(initializer, c => c.InitializeRoundAsync());
    }

    /// <summary>Runs the whole script.</summary>
    public async Task RunAsync()
    {
        var (o1, o2, d1, d2, b) = (actors.Orchestrator1, actors.Orchestrator2, actors.Delegator1, actors.Delegator2, actors.Broadcaster);

        // Round 0: registrations, bonds, the broadcaster's deposit and reserve.
        await Round(0, o1);
        await Do(o1, c => c.BondAsync(Lpt * (UInt256)2_000UL, o1.Address));
        await Do(o1, c => c.TranscoderAsync(rewardCut: 250_000, feeShare: 600_000));
        await Do(o1, c => c.SetServiceUriAsync("https://127.0.0.1:8935"));
        await Do(o2, c => c.BondAsync(Lpt * (UInt256)1_000UL, o2.Address));
        await Do(o2, c => c.TranscoderAsync(rewardCut: 100_000, feeShare: 500_000));
        await Do(d1, c => c.BondAsync(Lpt * (UInt256)500UL, o1.Address));
        await Do(d2, c => c.BondAsync(Lpt * (UInt256)700UL, o2.Address));
        await Do(b, c => c.FundDepositAndReserveAsync(Eth * (UInt256)3UL, Eth * (UInt256)2UL));

        // Round 1: both active; rewards; winning tickets to both.
        await Round(1, o2);
        await Do(o1, c => c.RewardAsync());
        await Do(o2, c => c.RewardAsync());
        await Redeem(o1, Eth / (UInt256)5UL);
        await Redeem(o1, Eth / (UInt256)5UL);
        await Redeem(o2, Eth * (UInt256)3UL / (UInt256)10UL);

        // Round 2: rewards, a claim, another ticket, an unbond, the broadcaster unlocks.
        await Round(2, o1);
        await Do(o1, c => c.RewardAsync());
        await Do(o2, c => c.RewardAsync());
        await Do(d1, c => c.ClaimEarningsAsync(firstRound + 2));
        await Redeem(o1, Eth / (UInt256)4UL);
        await Do(d2, c => c.UnbondAsync(Lpt * (UInt256)300UL));
        await Do(b, c => c.UnlockAsync());

        // Round 3: only orchestrator 1 calls reward; fees withdrawn.
        await Round(3, o2);
        await Do(o1, c => c.RewardAsync());
        var d1Fees = (await As(d1).GetDelegatorAsync(d1.Address)).Fees;
        await Do(d1, c => c.WithdrawFeesAsync(d1.Address, d1Fees));
        var o2Fees = (await As(o2).GetDelegatorAsync(o2.Address)).PendingFees;
        await Do(o2, c => c.WithdrawFeesAsync(o2.Address, o2Fees / (UInt256)2UL));

        // Round 4: the unbonding and unlock periods (2 rounds) are over: stake and deposit withdrawn.
        await Round(4, o1);
        await Do(o1, c => c.RewardAsync());
        await Do(o2, c => c.RewardAsync());
        await Do(d2, c => c.WithdrawStakeAsync(0));
        await Do(b, c => c.WithdrawAsync());
        await Do(o1, c => c.ClaimEarningsAsync(firstRound + 4));
    }

    /// <summary>A ticket that always wins, from the broadcaster to <paramref name="recipient"/>, in the current round, redeemed by the recipient.</summary>
    private async Task Redeem(PrivateKey recipient, UInt256 faceValue)
    {
        var round = await As(recipient).GetRoundInfoAsync();
        var rand = new UInt256(BigInteger.Parse("987654321987654321") + ++_ticketNonce);
        var ticket = new Ticket(recipient.Address, actors.Broadcaster.Address, faceValue, UInt256.MaxValue, (UInt256)_ticketNonce,
            Ticket.RecipientRandHashOf(rand), round.CurrentRound, round.CurrentRoundBlockHash);
        var signature = actors.Broadcaster.Sign(ticket.SigningDigest()).ToArray();
        var receipt = await Do(recipient, c => c.RedeemWinningTicketAsync(ticket, signature, rand));
        Assert.Single(receipt.Named("WinningTicketRedeemed"));
        TicketsRedeemed++;
    }

    /// <summary>Every compared figure, named, as this chain shows it at the end.</summary>
    public async Task<IReadOnlyList<(string Figure, string Value)>> FiguresAsync()
    {
        var reader = As(actors.Verifier);
        var figures = new List<(string, string)>();
        foreach (var (name, key) in actors.All)
        {
            var a = key.Address;
            var balance = await reader.GetBalanceAsync(a);
            var gas = await chain.GasPaidAsync(a);
            var d = await reader.GetDelegatorAsync(a);
            var s = await reader.GetSenderInfoAsync(a);
            figures.Add(($"{name} LPT", balance.Lpt.ToString()));
            figures.Add(($"{name} ETH (+gas paid)", (balance.Eth + gas).ToString()));
            figures.Add(($"{name} bonded", d.BondedAmount.ToString()));
            figures.Add(($"{name} pending stake", d.PendingStake.ToString()));
            figures.Add(($"{name} fees", d.Fees.ToString()));
            figures.Add(($"{name} pending fees", d.PendingFees.ToString()));
            figures.Add(($"{name} delegate/delegated", $"{d.DelegateAddress}/{d.DelegatedAmount}"));
            figures.Add(($"{name} start/lastClaim round", $"{d.StartRound}/{d.LastClaimRound}"));
            figures.Add(($"{name} deposit/reserve/withdrawRound", $"{s.Deposit}/{s.ReserveRemaining}/{s.WithdrawRound}"));
        }
        foreach (var (name, key) in actors.All.Take(2))
        {
            var t = await reader.GetTranscoderAsync(key.Address);
            figures.Add(($"{name} total stake", t.TotalStake.ToString()));
            figures.Add(($"{name} lastReward/lastFee round", $"{t.LastRewardRound}/{t.LastFeeRound}"));
        }
        var minter = await reader.GetMinterInfoAsync();
        var round = await reader.GetRoundInfoAsync();
        figures.Add(("round", round.CurrentRound.ToString()));
        figures.Add(("total supply", minter.TotalSupply.ToString()));
        figures.Add(("treasury", minter.TreasuryBalance.ToString()));
        figures.Add(("minted this round/mintable", $"{minter.CurrentMintedTokens}/{minter.CurrentMintableTokens}"));
        figures.Add(("inflation", minter.Inflation.ToString()));
        figures.Add(("current/next round active stake", $"{round.CurrentRoundTotalActiveStake}/{round.NextRoundTotalActiveStake}"));
        return figures;
    }
}
