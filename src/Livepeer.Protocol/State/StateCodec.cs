using System.Collections.Immutable;

namespace Livepeer.Protocol.State;

/// <summary>
/// Canonical binary form of <see cref="ProtocolState"/>: a version tag, the cells in a fixed order, then every table
/// as a count and its entries in key order, all integers fixed-width big-endian. Equal states give equal bytes.
/// </summary>
public static class StateCodec
{
    private const long Version = 0x4c50_5354_0004; // "LPST" v4: contract-exact LIP-36 pools, treasury rate of the round

    private delegate T ReadFn<out T>(ref CanonicalReader r);

    /// <summary>Canonical bytes.</summary>
    public static byte[] Encode(ProtocolState s)
    {
        var w = new CanonicalWriter();
        w.Write(Version);
        WriteParameters(w, s.Parameters.Value);
        var rounds = s.Rounds.Value;
        w.Write(rounds.LastInitializedRound); w.Write(rounds.LastRoundLengthUpdateRound); w.Write(rounds.LastRoundLengthUpdateStartBlock);
        var m = s.Minter.Value;
        w.Write(m.Inflation); w.Write(m.CurrentMintableTokens); w.Write(m.CurrentMintedTokens); w.Write(m.TotalMinted); w.Write(m.TotalBurned);
        var t = s.Totals.Value;
        w.Write(t.CurrentRoundTotalActiveStake); w.Write(t.NextRoundTotalActiveStake); w.Write(t.CurrentRoundActiveCount); w.Write(t.TreasuryRewardCutRate);
        var sup = s.Supply.Value;
        w.Write(sup.TotalSupply); w.Write(sup.TotalEth);
        var pool = s.Pool.Value;
        w.Write(pool.Count);
        foreach (var e in pool.Members) { w.Write(e.Transcoder); w.Write(e.Stake); }
        var g = s.Governance.Value;
        w.Write(g.NextProposalId); w.Write(g.VerifierThreshold); w.Write(g.Verifiers.Length);
        foreach (var v in g.Verifiers) w.Write(v);

        WriteMap(w, s.LptBalances, w.Write, w.Write);
        WriteMap(w, s.Allowances, k => { w.Write(k.Owner); w.Write(k.Spender); }, w.Write);
        WriteMap(w, s.EthBalances, w.Write, w.Write);
        WriteMap(w, s.Vesting, w.Write, v => { w.Write(v.Total); w.Write(v.Start); w.Write(v.Cliff); w.Write(v.Duration); });
        WriteMap(w, s.Delegators, w.Write, d =>
        {
            w.Write(d.BondedAmount); w.Write(d.Fees); w.Write(d.DelegateAddress); w.Write(d.DelegatedAmount); w.Write(d.StartRound);
            w.Write(d.LastClaimRound); w.Write(d.NextUnbondingLockId); w.Write(d.SlashIndex); w.Write(d.StakeUpdateRound); w.Write(d.StakeAtRoundStart);
        });
        WriteMap(w, s.Transcoders, w.Write, x =>
        {
            w.Write(x.LastRewardRound); w.Write(x.RewardCut); w.Write(x.FeeShare); w.Write(x.ActivationRound); w.Write(x.DeactivationRound);
            w.Write(x.LastFeeRound); w.Write(x.CumulativeRewards); w.Write(x.CumulativeFees); w.Write(x.ActiveCumulativeRewards);
            w.Write(x.SlashCount); w.Write(x.LastSlashRound);
        });
        WriteMap(w, s.EarningsPools, k => { w.Write(k.Transcoder); w.Write(k.Round); }, p =>
        {
            w.Write(p.TotalStake); w.Write(p.TranscoderRewardCut); w.Write(p.TranscoderFeeShare); w.Write(p.CumulativeRewardFactor); w.Write(p.CumulativeFeeFactor);
        });
        WriteMap(w, s.UnbondingLocks, k => { w.Write(k.Delegator); w.Write(k.Id); }, l => { w.Write(l.Amount); w.Write(l.WithdrawRound); });
        WriteMap(w, s.RoundBlockHashes, w.Write, w.Write);
        WriteMap(w, s.Senders, w.Write, x =>
        {
            w.Write(x.Deposit); w.Write(x.WithdrawRound); w.Write(x.ReserveRemaining); w.Write(x.ReserveClaimRound); w.Write(x.ReserveClaimedInRound);
        });
        WriteMap(w, s.ReserveClaims, k => { w.Write(k.Sender); w.Write(k.Recipient); }, c => { w.Write(c.Round); w.Write(c.Amount); });
        WriteMap(w, s.UsedTickets, w.Write, w.Write);
        WriteMap(w, s.ServiceUris, w.Write, w.Write);
        WriteMap(w, s.Slashes, k => { w.Write(k.Transcoder); w.Write(k.Index); }, x =>
        {
            w.Write(x.Round); w.Write(x.Fraction); w.Write(x.CumulativeRewardFactor); w.Write(x.CumulativeFeeFactor);
        });
        WriteMap(w, s.SettledEvidence, w.Write, w.Write);
        WriteMap(w, s.Attestations, k => { w.Write(k.Evidence); w.Write(k.Verifier); }, w.Write);
        WriteMap(w, s.AttestationCounts, w.Write, w.Write);
        WriteMap(w, s.FailedVerificationReports, w.Write, x => { w.Write(x.Reporter); w.Write(x.Round); });
        WriteMap(w, s.Proposals, w.Write, p => WriteProposal(w, p));
        WriteMap(w, s.Votes, k => { w.Write(k.Proposal); w.Write(k.Voter); }, v => { w.Write((int)v.Support); w.Write(v.Weight); });
        WriteMap(w, s.VoteDeductions, k => { w.Write(k.Proposal); w.Write(k.Delegate); }, w.Write);
        WriteMap(w, s.VotingCheckpoints, k => { w.Write(k.Account); w.Write(k.Index); }, c =>
        {
            w.Write(c.Round); w.Write(c.BondedAmount); w.Write(c.DelegateAddress); w.Write(c.DelegatedAmount);
            w.Write(c.LastClaimRound); w.Write(c.LastRewardRound); w.Write(c.SlashIndex);
        });
        WriteMap(w, s.VotingCheckpointCounts, w.Write, w.Write);
        WriteMap(w, s.TotalActiveStakeCheckpoints, w.Write, w.Write);
        return w.ToArray();
    }

    /// <summary>Decodes canonical bytes; throws <see cref="FormatException"/> when they are not a state.</summary>
    public static ProtocolState Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        if (r.ReadLong() != Version) throw new FormatException("Not a protocol state (unknown version tag).");
        var s = new ProtocolState(ReadParameters(ref r));
        s.Rounds.LoadRaw(new RoundsInfo
        {
            LastInitializedRound = r.ReadLong(), LastRoundLengthUpdateRound = r.ReadLong(), LastRoundLengthUpdateStartBlock = r.ReadLong(),
        });
        s.Minter.LoadRaw(new MinterInfo
        {
            Inflation = r.ReadLong(), CurrentMintableTokens = r.ReadUInt256(), CurrentMintedTokens = r.ReadUInt256(),
            TotalMinted = r.ReadUInt256(), TotalBurned = r.ReadUInt256(),
        });
        s.Totals.LoadRaw(new StakeTotals
        {
            CurrentRoundTotalActiveStake = r.ReadUInt256(), NextRoundTotalActiveStake = r.ReadUInt256(), CurrentRoundActiveCount = r.ReadInt(), TreasuryRewardCutRate = r.ReadUInt256(),
        });
        s.Supply.LoadRaw(new TokenSupply { TotalSupply = r.ReadUInt256(), TotalEth = r.ReadUInt256() });
        var poolCount = Count(ref r);
        var members = ImmutableArray.CreateBuilder<PoolEntry>(poolCount);
        for (var i = 0; i < poolCount; i++) members.Add(new PoolEntry(r.ReadAddress(), r.ReadUInt256()));
        s.Pool.LoadRaw(new TranscoderPool(members.MoveToImmutable()));
        var nextId = r.ReadLong();
        var threshold = r.ReadInt();
        var verifierCount = Count(ref r);
        var verifiers = ImmutableArray.CreateBuilder<Address>(verifierCount);
        for (var i = 0; i < verifierCount; i++) verifiers.Add(r.ReadAddress());
        s.Governance.LoadRaw(new GovernanceInfo { NextProposalId = nextId, VerifierThreshold = threshold, Verifiers = verifiers.MoveToImmutable() });

        ReadMap(ref r, s.LptBalances, Addr, U256);
        ReadMap(ref r, s.Allowances, (ref CanonicalReader x) => (x.ReadAddress(), x.ReadAddress()), U256);
        ReadMap(ref r, s.EthBalances, Addr, U256);
        ReadMap(ref r, s.Vesting, Addr, (ref CanonicalReader x) => new VestingSchedule(x.ReadUInt256(), x.ReadLong(), x.ReadLong(), x.ReadLong()));
        ReadMap(ref r, s.Delegators, Addr, (ref CanonicalReader x) => new Delegator
        {
            BondedAmount = x.ReadUInt256(), Fees = x.ReadUInt256(), DelegateAddress = x.ReadAddress(), DelegatedAmount = x.ReadUInt256(),
            StartRound = x.ReadLong(), LastClaimRound = x.ReadLong(), NextUnbondingLockId = x.ReadLong(), SlashIndex = x.ReadLong(),
            StakeUpdateRound = x.ReadLong(), StakeAtRoundStart = x.ReadUInt256(),
        });
        ReadMap(ref r, s.Transcoders, Addr, (ref CanonicalReader x) => new Transcoder
        {
            LastRewardRound = x.ReadLong(), RewardCut = x.ReadLong(), FeeShare = x.ReadLong(), ActivationRound = x.ReadLong(),
            DeactivationRound = x.ReadLong(), LastFeeRound = x.ReadLong(), CumulativeRewards = x.ReadUInt256(), CumulativeFees = x.ReadUInt256(),
            ActiveCumulativeRewards = x.ReadUInt256(), SlashCount = x.ReadLong(), LastSlashRound = x.ReadLong(),
        });
        ReadMap(ref r, s.EarningsPools, AddrRound, (ref CanonicalReader x) => new EarningsPool
        {
            TotalStake = x.ReadUInt256(), TranscoderRewardCut = x.ReadLong(), TranscoderFeeShare = x.ReadLong(),
            CumulativeRewardFactor = x.ReadUInt256(), CumulativeFeeFactor = x.ReadUInt256(),
        });
        ReadMap(ref r, s.UnbondingLocks, AddrRound, (ref CanonicalReader x) => new UnbondingLock(x.ReadUInt256(), x.ReadLong()));
        ReadMap(ref r, s.RoundBlockHashes, Long, HashOf);
        ReadMap(ref r, s.Senders, Addr, (ref CanonicalReader x) => new SenderInfo
        {
            Deposit = x.ReadUInt256(), WithdrawRound = x.ReadLong(), ReserveRemaining = x.ReadUInt256(),
            ReserveClaimRound = x.ReadLong(), ReserveClaimedInRound = x.ReadUInt256(),
        });
        ReadMap(ref r, s.ReserveClaims, (ref CanonicalReader x) => (x.ReadAddress(), x.ReadAddress()), (ref CanonicalReader x) => new ReserveClaim(x.ReadLong(), x.ReadUInt256()));
        ReadMap(ref r, s.UsedTickets, HashOf, Bool);
        ReadMap(ref r, s.ServiceUris, Addr, (ref CanonicalReader x) => x.ReadString());
        ReadMap(ref r, s.Slashes, AddrRound, (ref CanonicalReader x) => new SlashRecord(x.ReadLong(), x.ReadLong(), x.ReadUInt256(), x.ReadUInt256()));
        ReadMap(ref r, s.SettledEvidence, HashOf, Bool);
        ReadMap(ref r, s.Attestations, (ref CanonicalReader x) => (x.ReadHash(), x.ReadAddress()), Bool);
        ReadMap(ref r, s.AttestationCounts, HashOf, Long);
        ReadMap(ref r, s.FailedVerificationReports, HashOf, (ref CanonicalReader x) => new FailedVerificationReport(x.ReadAddress(), x.ReadLong()));
        ReadMap(ref r, s.Proposals, Long, ReadProposal);
        ReadMap(ref r, s.Votes, (ref CanonicalReader x) => (x.ReadLong(), x.ReadAddress()), (ref CanonicalReader x) => new VoteRecord((VoteSupport)x.ReadInt(), x.ReadUInt256()));
        ReadMap(ref r, s.VoteDeductions, (ref CanonicalReader x) => (x.ReadLong(), x.ReadAddress()), U256);
        ReadMap(ref r, s.VotingCheckpoints, AddrRound, (ref CanonicalReader x) => new VotingCheckpoint(x.ReadLong(), x.ReadUInt256(), x.ReadAddress(), x.ReadUInt256(),
            x.ReadLong(), x.ReadLong(), x.ReadLong()));
        ReadMap(ref r, s.VotingCheckpointCounts, Addr, Long);
        ReadMap(ref r, s.TotalActiveStakeCheckpoints, Long, U256);
        if (!r.AtEnd) throw new FormatException("Trailing bytes after the protocol state.");
        return s;
    }

    private static Address Addr(ref CanonicalReader r) => r.ReadAddress();
    private static UInt256 U256(ref CanonicalReader r) => r.ReadUInt256();
    private static long Long(ref CanonicalReader r) => r.ReadLong();
    private static bool Bool(ref CanonicalReader r) => r.ReadBool();
    private static Hash HashOf(ref CanonicalReader r) => r.ReadHash();
    private static (Address, long) AddrRound(ref CanonicalReader r) => (r.ReadAddress(), r.ReadLong());

    private static int Count(ref CanonicalReader r)
    {
        var n = r.ReadInt();
        if (n < 0) throw new FormatException($"Negative count {n} in state bytes.");
        return n;
    }

    private static void WriteMap<TKey, TValue>(CanonicalWriter w, StateMap<TKey, TValue> map, Action<TKey> key, Action<TValue> value)
        where TKey : notnull
    {
        w.Write(map.Count);
        foreach (var (k, v) in map.Sorted())
        {
            key(k);
            value(v);
        }
    }

    private static void ReadMap<TKey, TValue>(ref CanonicalReader r, StateMap<TKey, TValue> map, ReadFn<TKey> key, ReadFn<TValue> value)
        where TKey : notnull
    {
        var n = Count(ref r);
        for (var i = 0; i < n; i++)
        {
            var k = key(ref r);
            map.LoadRaw(k, value(ref r));
        }
    }

    private static void WriteParameters(CanonicalWriter w, ProtocolParameters p)
    {
        w.Write(p.InitialInflation);
        foreach (var name in Enum.GetValues<ParameterName>()) w.Write(p.Get(name));
    }

    private static ProtocolParameters ReadParameters(ref CanonicalReader r)
    {
        var p = ProtocolParameters.Mainnet with { InitialInflation = r.ReadLong() };
        foreach (var name in Enum.GetValues<ParameterName>()) p = p.With(name, r.ReadUInt256());
        return p;
    }

    private static void WriteProposal(CanonicalWriter w, Proposal p)
    {
        w.Write(p.Id); w.Write(p.Proposer); w.Write(p.Description); w.Write(p.VoteStart); w.Write(p.VoteEnd);
        w.Write(p.TotalActiveStake); w.Write(p.For); w.Write(p.Against); w.Write(p.Abstain); w.Write(p.Executed);
        w.Write(p.Actions.Length);
        foreach (var a in p.Actions)
        {
            switch (a)
            {
                case ParameterChange c: w.Write(1); w.Write((int)c.Name); w.Write(c.Value); break;
                case VerifierSetChange v:
                    w.Write(2); w.Write(v.Threshold); w.Write(v.Verifiers.Length);
                    foreach (var x in v.Verifiers) w.Write(x);
                    break;
                case TreasurySpend t: w.Write(3); w.Write(t.Recipient); w.Write(t.Amount); break;
                default: throw new InvalidOperationException($"Unknown proposal action {a.GetType().Name}.");
            }
        }
    }

    private static Proposal ReadProposal(ref CanonicalReader r)
    {
        var p = new Proposal
        {
            Id = r.ReadLong(), Proposer = r.ReadAddress(), Description = r.ReadString(), VoteStart = r.ReadLong(), VoteEnd = r.ReadLong(),
            TotalActiveStake = r.ReadUInt256(), For = r.ReadUInt256(), Against = r.ReadUInt256(), Abstain = r.ReadUInt256(), Executed = r.ReadBool(),
        };
        var n = Count(ref r);
        var actions = ImmutableArray.CreateBuilder<ProposalAction>(n);
        for (var i = 0; i < n; i++)
        {
            var tag = r.ReadInt();
            switch (tag)
            {
                case 1: actions.Add(new ParameterChange((ParameterName)r.ReadInt(), r.ReadUInt256())); break;
                case 2:
                    var threshold = r.ReadInt();
                    var count = Count(ref r);
                    var vs = ImmutableArray.CreateBuilder<Address>(count);
                    for (var j = 0; j < count; j++) vs.Add(r.ReadAddress());
                    actions.Add(new VerifierSetChange(vs.MoveToImmutable(), threshold));
                    break;
                case 3: actions.Add(new TreasurySpend(r.ReadAddress(), r.ReadUInt256())); break;
                default: throw new FormatException($"Unknown proposal action tag {tag}.");
            }
        }
        return p with { Actions = actions.MoveToImmutable() };
    }
}
