using Livepeer.Core;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.State;

namespace Livepeer.Protocol.Tests.Properties;

/// <summary>Conservation and consistency rules that must hold after every call.</summary>
public static class Invariants
{
    public static void Check(ProtocolState s, long round, UInt256 genesisSupply)
    {
        // LPT: supply = every balance (users + minter's bonded/unbonding holdings + treasury); supply moves only by minted - burned.
        var supply = s.Supply.Value.TotalSupply;
        Assert.Equal(supply, Sum(s.LptBalances.Unordered().Select(p => p.Value)));
        Assert.Equal(genesisSupply + s.Minter.Value.TotalMinted - s.Minter.Value.TotalBurned, supply);
        Assert.True(s.Minter.Value.CurrentMintedTokens <= s.Minter.Value.CurrentMintableTokens);

        // The minter holds exactly the delegated stake plus the unbonding locks.
        var delegated = Sum(s.Delegators.Unordered().Select(p => p.Value.DelegatedAmount));
        var locks = Sum(s.UnbondingLocks.Unordered().Select(p => p.Value.Amount));
        Assert.Equal(s.LptBalanceOf(ProtocolAccounts.Minter), delegated + locks);

        // Each delegate's stake covers what its delegators can claim (rounding only ever leaves dust behind).
        var pendingByDelegate = new Dictionary<Address, UInt256>();
        var pendingFees = UInt256.Zero;
        foreach (var (a, d) in s.Delegators.Unordered())
        {
            var (stake, fees) = BondingManager.PendingStakeAndFees(s, a, round);
            pendingFees += fees;
            if (d.DelegateAddress.IsZero) { Assert.True(stake.IsZero || d.BondedAmount.IsZero || true); continue; }
            pendingByDelegate[d.DelegateAddress] = pendingByDelegate.GetValueOrDefault(d.DelegateAddress) + stake;
        }
        foreach (var (t, claimable) in pendingByDelegate)
            Assert.True(claimable <= s.DelegatorOf(t).DelegatedAmount, $"{t}: delegators can claim {claimable} but only {s.DelegatorOf(t).DelegatedAmount} is delegated");

        // ETH: never created; the minter covers deposits, reserves and claimable fees.
        Assert.Equal(s.Supply.Value.TotalEth, Sum(s.EthBalances.Unordered().Select(p => p.Value)));
        var senderFunds = Sum(s.Senders.Unordered().Select(p => p.Value.Deposit + p.Value.ReserveRemaining));
        Assert.True(s.EthBalanceOf(ProtocolAccounts.Minter) >= senderFunds + pendingFees);

        // The pool: sorted, bounded, keys are the delegated stakes, members registered, total = next round's active stake.
        var pool = s.Pool.Value.Members;
        Assert.True(pool.Length <= s.Parameters.Value.NumActiveTranscoders);
        for (var i = 0; i < pool.Length; i++)
        {
            Assert.Equal(s.DelegatorOf(pool[i].Transcoder).DelegatedAmount, pool[i].Stake);
            Assert.True(BondingManager.IsRegisteredTranscoder(s, pool[i].Transcoder));
            if (i > 0) Assert.True(pool[i - 1].Stake >= pool[i].Stake);
        }
        Assert.Equal(s.Totals.Value.NextRoundTotalActiveStake, Sum(pool.Select(m => m.Stake)));

        // The current round's active stake = the stakes at round start of the transcoders active in it.
        if (s.Rounds.Value.LastInitializedRound == round)
        {
            var active = s.Transcoders.Unordered().Where(p => p.Value.IsActiveIn(round)).ToList();
            Assert.Equal(s.Totals.Value.CurrentRoundTotalActiveStake, Sum(active.Select(p => s.DelegatorOf(p.Key).DelegatedAmountAtStartOf(round))));
            Assert.Equal(s.Totals.Value.CurrentRoundActiveCount, active.Count);
        }
    }

    private static UInt256 Sum(IEnumerable<UInt256> values)
    {
        var total = UInt256.Zero;
        foreach (var v in values) total += v;
        return total;
    }
}
