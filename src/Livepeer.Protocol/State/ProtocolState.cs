namespace Livepeer.Protocol.State;

/// <summary>
/// The whole protocol state: a few journaled cells and tables. Mutated in place by <see cref="Engine.ProtocolEngine"/>;
/// a failed call is rolled back through the <see cref="Journal"/>. <see cref="Serialize"/> gives canonical bytes
/// (tables in key order) and <see cref="ComputeStateHash"/> their keccak256.
/// </summary>
public sealed class ProtocolState
{
    /// <summary>The undo log of the call being applied.</summary>
    public Journal Journal { get; } = new();

    public StateCell<ProtocolParameters> Parameters { get; }
    public StateCell<RoundsInfo> Rounds { get; }
    public StateCell<MinterInfo> Minter { get; }
    public StateCell<StakeTotals> Totals { get; }
    public StateCell<TokenSupply> Supply { get; }
    public StateCell<TranscoderPool> Pool { get; }
    public StateCell<GovernanceInfo> Governance { get; }

    public StateMap<Address, UInt256> LptBalances { get; }
    public StateMap<(Address Owner, Address Spender), UInt256> Allowances { get; }
    public StateMap<Address, UInt256> EthBalances { get; }
    public StateMap<Address, VestingSchedule> Vesting { get; }
    public StateMap<Address, Delegator> Delegators { get; }
    public StateMap<Address, Transcoder> Transcoders { get; }
    public StateMap<(Address Transcoder, long Round), EarningsPool> EarningsPools { get; }
    public StateMap<(Address Delegator, long Id), UnbondingLock> UnbondingLocks { get; }
    public StateMap<long, Hash> RoundBlockHashes { get; }
    public StateMap<Address, SenderInfo> Senders { get; }
    public StateMap<(Address Sender, Address Recipient), ReserveClaim> ReserveClaims { get; }
    public StateMap<Hash, bool> UsedTickets { get; }
    public StateMap<Address, string> ServiceUris { get; }
    public StateMap<(Address Transcoder, long Index), SlashRecord> Slashes { get; }
    public StateMap<Hash, bool> SettledEvidence { get; }
    public StateMap<(Hash Evidence, Address Verifier), bool> Attestations { get; }
    public StateMap<Hash, long> AttestationCounts { get; }
    public StateMap<Hash, FailedVerificationReport> FailedVerificationReports { get; }
    public StateMap<long, Proposal> Proposals { get; }
    public StateMap<(long Proposal, Address Voter), VoteRecord> Votes { get; }
    public StateMap<(long Proposal, Address Delegate), UInt256> VoteDeductions { get; }
    public StateMap<(Address Account, long Index), VotingCheckpoint> VotingCheckpoints { get; }
    public StateMap<Address, long> VotingCheckpointCounts { get; }
    public StateMap<long, UInt256> TotalActiveStakeCheckpoints { get; }

    /// <summary>Delegator records written by the call in progress (not state; cleared per call).</summary>
    internal HashSet<Address> TouchedDelegators { get; } = new();

    /// <summary>An empty state with the given parameters (use <see cref="Genesis.GenesisBuilder"/> to fund it).</summary>
    public ProtocolState(ProtocolParameters parameters)
    {
        ParameterValidator.ThrowIfInvalid(parameters);
        Parameters = new(Journal, parameters);
        Rounds = new(Journal, new RoundsInfo());
        Minter = new(Journal, new MinterInfo { Inflation = parameters.InitialInflation });
        Totals = new(Journal, new StakeTotals());
        Supply = new(Journal, new TokenSupply());
        Pool = new(Journal, TranscoderPool.Empty);
        Governance = new(Journal, new GovernanceInfo());
        LptBalances = Map<Address, UInt256>(v => v.IsZero);
        Allowances = Map<(Address, Address), UInt256>(v => v.IsZero);
        EthBalances = Map<Address, UInt256>(v => v.IsZero);
        Vesting = Map<Address, VestingSchedule>(v => v is null);
        Delegators = Map<Address, Delegator>(v => v is null || v.IsEmpty);
        Transcoders = Map<Address, Transcoder>(v => v is null || v.IsEmpty);
        EarningsPools = Map<(Address, long), EarningsPool>(v => v is null || v.IsEmpty);
        UnbondingLocks = Map<(Address, long), UnbondingLock>(v => v is null);
        RoundBlockHashes = Map<long, Hash>(v => v.IsZero);
        Senders = Map<Address, SenderInfo>(v => v is null || v.IsEmpty);
        ReserveClaims = Map<(Address, Address), ReserveClaim>(v => v is null);
        UsedTickets = Map<Hash, bool>(v => !v);
        ServiceUris = Map<Address, string>(string.IsNullOrEmpty);
        Slashes = Map<(Address, long), SlashRecord>(v => v is null);
        SettledEvidence = Map<Hash, bool>(v => !v);
        Attestations = Map<(Hash, Address), bool>(v => !v);
        AttestationCounts = Map<Hash, long>(v => v == 0);
        FailedVerificationReports = Map<Hash, FailedVerificationReport>(v => v is null);
        Proposals = Map<long, Proposal>(v => v is null);
        Votes = Map<(long, Address), VoteRecord>(v => v is null);
        VoteDeductions = Map<(long, Address), UInt256>(v => v.IsZero);
        VotingCheckpoints = Map<(Address, long), VotingCheckpoint>(v => v is null);
        VotingCheckpointCounts = Map<Address, long>(v => v == 0);
        TotalActiveStakeCheckpoints = Map<long, UInt256>(_ => false); // a checkpoint of 0 is still a checkpoint
        Delegators.OnWrite = a => TouchedDelegators.Add(a);
    }

    private StateMap<TKey, TValue> Map<TKey, TValue>(Func<TValue, bool> isDefault) where TKey : notnull =>
        new(Journal, Comparer<TKey>.Default, isDefault);

    /// <summary>LPT balance.</summary>
    public UInt256 LptBalanceOf(Address a) => LptBalances.Get(a);
    /// <summary>ETH balance.</summary>
    public UInt256 EthBalanceOf(Address a) => EthBalances.Get(a);
    /// <summary>A delegator (empty when unknown).</summary>
    public Delegator DelegatorOf(Address a) => Delegators.Get(a) ?? Delegator.Empty;
    /// <summary>A transcoder record (empty when unknown).</summary>
    public Transcoder TranscoderOf(Address a) => Transcoders.Get(a) ?? Transcoder.Empty;
    /// <summary>An earnings pool (empty when unset).</summary>
    public EarningsPool PoolOf(Address transcoder, long round) => EarningsPools.Get((transcoder, round)) ?? EarningsPool.Empty;
    /// <summary>A sender (empty when unknown).</summary>
    public SenderInfo SenderOf(Address a) => Senders.Get(a) ?? SenderInfo.Empty;

    /// <summary>Canonical bytes of the whole state.</summary>
    public byte[] Serialize() => StateCodec.Encode(this);

    /// <summary>Rebuilds a state from <see cref="Serialize"/>'s bytes.</summary>
    public static ProtocolState Deserialize(ReadOnlySpan<byte> bytes) => StateCodec.Decode(bytes);

    /// <summary>keccak256 of the canonical bytes.</summary>
    public Hash ComputeStateHash() => Keccak256.Hash(Serialize());

    /// <summary>An independent copy.</summary>
    public ProtocolState Clone() => Deserialize(Serialize());
}
