namespace Livepeer.Protocol.Simulation;

/// <summary>
/// Runs the real state machine round by round with synthetic actors: orchestrators (some unreliable, skipping reward),
/// delegators bonding and unbonding by a seeded policy, broadcasters paying fees with winning tickets. Pure and
/// deterministic for a seed; the caller writes the results.
/// </summary>
public sealed class Simulator
{
    private readonly SimulationOptions _o;
    private readonly ProtocolEngine _engine = new(new SimulatedSignatures());
    private readonly SplitMix64 _random;
    private readonly Address[] _orchestrators;
    private readonly bool[] _unreliable;
    private readonly Address[] _delegators;
    private readonly Address[] _broadcasters;
    private long _block;
    private ulong _nonce;

    /// <summary>The state being simulated.</summary>
    public ProtocolState State { get; }
    /// <summary>Calls that failed (a healthy policy keeps this low).</summary>
    public int FailedCalls { get; private set; }

    /// <summary>Sets up genesis: orchestrators self-bond, delegators hold LPT, broadcasters hold ETH.</summary>
    public Simulator(SimulationOptions options)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
        _o = options;
        _random = new SplitMix64(options.Seed);
        _orchestrators = Enumerable.Range(0, options.Orchestrators).Select(i => Actor("orchestrator", i)).ToArray();
        _unreliable = _orchestrators.Select(_ => _random.Chance(options.UnreliableOrchestrators)).ToArray();
        _delegators = Enumerable.Range(0, options.Delegators).Select(i => Actor("delegator", i)).ToArray();
        _broadcasters = Enumerable.Range(0, options.Broadcasters).Select(i => Actor("broadcaster", i)).ToArray();
        var lpt = new List<GenesisAllocation>();
        foreach (var o in _orchestrators) lpt.Add(new GenesisAllocation("o", o, ProtocolParameters.Lpt(50_000 + (ulong)_random.Below(100_000))));
        foreach (var d in _delegators) lpt.Add(new GenesisAllocation("d", d, ProtocolParameters.Lpt(1_000 + (ulong)_random.Below(20_000))));
        lpt.Add(new GenesisAllocation("crowd", GenesisBuilder.NamedHolder("crowd"), ProtocolParameters.Lpt(5_000_000)));
        State = GenesisBuilder.Build(new GenesisSpec
        {
            Parameters = options.Parameters,
            Allocations = [.. lpt],
            Eth = [.. _broadcasters.Select(b => (b, ProtocolParameters.Lpt(1_000_000)))],
        });
        StartRound(1);
        foreach (var o in _orchestrators)
        {
            Do(o, new BondCall(State.LptBalanceOf(o) / (UInt256)2UL, o));
            Do(o, new TranscoderUpdateCall(50_000 + _random.Below(200_000), 300_000 + _random.Below(600_000)));
        }
        foreach (var d in _delegators)
            if (_random.Chance(600)) Do(d, new BondCall(State.LptBalanceOf(d) / (UInt256)2UL, Pick(_orchestrators)));
        foreach (var b in _broadcasters) Do(b, new FundDepositAndReserveCall(ProtocolParameters.Lpt(100_000), ProtocolParameters.Lpt(100_000)));
    }

    private static Address Actor(string kind, int i) => new(Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes($"sim.{kind}.{i}")).Bytes[12..]);

    private Address Pick(Address[] from) => from[_random.Below(from.Length)];

    private BlockContext Block => new(_block, BlockHash(_block), BlockHash(_block - 1), 1_700_000_000 + _block * 12);

    private static Hash BlockHash(long n) => Keccak256.Hash(((UInt256)(ulong)Math.Max(0, n + 1)).ToBigEndian32());

    private void StartRound(long round)
    {
        _block = RoundsManager.StartBlockOf(State, round);
        var r = _engine.BeginBlock(State, Block);
        if (!r.Succeeded) throw new InvalidOperationException("round initialization failed: " + r);
    }

    private bool Do(Address caller, ProtocolCall call)
    {
        var r = _engine.Apply(State, Block, caller, call);
        if (!r.Succeeded) FailedCalls++;
        return r.Succeeded;
    }

    private UInt256 DelegatorStake(long round)
    {
        var total = UInt256.Zero;
        foreach (var d in _delegators) total += BondingManager.PendingStakeAndFees(State, d, round).Stake;
        return total;
    }

    /// <summary>Runs every round, reporting each as it completes.</summary>
    public IEnumerable<RoundStats> Run()
    {
        for (long round = 2; round <= _o.Rounds + 1; round++)
        {
            StartRound(round);
            var stakeBefore = DelegatorStake(round);
            var rewards = 0;
            for (var i = 0; i < _orchestrators.Length; i++)
            {
                if (_unreliable[i] && _random.Chance(500)) continue;
                if (BondingManager.CanEarn(State, _orchestrators[i], round) && Do(_orchestrators[i], new RewardCall())) rewards++;
            }
            var stakeAfter = DelegatorStake(round);
            var fees = UInt256.Zero;
            var active = _orchestrators.Where(o => BondingManager.CanEarn(State, o, round)).ToArray();
            if (active.Length > 0)
            {
                foreach (var b in _broadcasters)
                    for (var t = 0; t < _o.TicketsPerBroadcasterPerRound; t++)
                        if (Redeem(b, Pick(active), round)) fees += (UInt256)_o.TicketFaceValue;
            }
            foreach (var d in _delegators) Policy(d, round);
            var m = State.Minter.Value;
            yield return new RoundStats(round, m.Inflation, Minting.Minter.BondingRate(State), State.Supply.Value.TotalSupply,
                State.Totals.Value.CurrentRoundTotalActiveStake, m.CurrentMintedTokens, State.LptBalanceOf(ProtocolAccounts.Treasury),
                fees, rewards, active.Length,
                stakeBefore.IsZero ? 0 : (long)UInt256.MulDiv(stakeAfter - stakeBefore, (UInt256)Ppb.One, stakeBefore));
        }
    }

    private bool Redeem(Address sender, Address recipient, long round)
    {
        var rand = (UInt256)(++_nonce);
        var ticket = new Ticket(recipient, sender, (UInt256)_o.TicketFaceValue, UInt256.MaxValue, (UInt256)_nonce, Ticket.RecipientRandHashOf(rand),
            round, State.RoundBlockHashes.Get(round));
        return Do(recipient, new RedeemWinningTicketCall(ticket, SimulatedSignatures.Sign(sender, ticket.SigningDigest()), rand));
    }

    private void Policy(Address d, long round)
    {
        var del = State.DelegatorOf(d);
        for (long id = 0; id < del.NextUnbondingLockId; id++)
            if (State.UnbondingLocks.Get((d, id)) is { } l && l.WithdrawRound <= round) Do(d, new WithdrawStakeCall(id));
        var status = BondingManager.StatusOf(del, round);
        var free = State.LptBalanceOf(d);
        if (_random.Chance(_o.BondChance) && !free.IsZero)
        {
            var to = status == DelegatorStatus.Unbonded ? Pick(_orchestrators) : del.DelegateAddress;
            Do(d, new BondCall(free / (UInt256)(ulong)(2 + _random.Below(3)), to));
        }
        else if (status == DelegatorStatus.Bonded && _random.Chance(_o.UnbondChance))
        {
            var stake = BondingManager.PendingStakeAndFees(State, d, round).Stake;
            Do(d, new UnbondCall(stake / (UInt256)(ulong)(2 + _random.Below(3))));
        }
    }
}
