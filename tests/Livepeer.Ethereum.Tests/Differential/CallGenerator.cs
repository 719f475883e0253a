using System.Collections.Immutable;
using System.Text;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Genesis;
using Livepeer.Protocol.Governance;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Signing;
using Livepeer.Protocol.Slashing;
using Livepeer.Protocol.TicketBroker;

namespace Livepeer.Ethereum.Tests.Differential;

/// <summary>One step of a generated sequence: move to the next round, or one call (built per target, see <see cref="GeneratedCall"/>).</summary>
public abstract record GeneratedStep;

/// <summary>Move both targets to the first block of <paramref name="Round"/>.</summary>
public sealed record AdvanceRound(long Round) : GeneratedStep;

/// <summary>
/// A call of kind <paramref name="Kind"/> from <paramref name="Caller"/>, built per target from <see cref="CallInputs"/>:
/// tickets carry the block hash of their creation round (<paramref name="HashRound"/>), which each chain has its own of,
/// and "unbond everything" needs the caller's stake.
/// </summary>
public sealed record GeneratedCall(string Kind, Address Caller, long HashRound, Func<CallInputs, ProtocolCall> Build, bool NeedsStake = false) : GeneratedStep;

/// <summary>What a call is built from on one target: the block hash of the call's HashRound and the caller's pending stake.</summary>
public sealed record CallInputs(Hash RoundBlockHash, UInt256 CallerStake);

/// <summary>
/// A seeded random sequence of protocol calls across every role: orchestrators (bond to self, transcoder, reward,
/// unbond), delegators (bond, bondFor, unbond, rebond, rebondFromUnbonded, transferBond, withdrawStake, withdrawFees,
/// claimEarnings), broadcasters (fund, unlock, cancelUnlock, withdraw, winning tickets redeemed by orchestrators),
/// slashing (equivocation evidence, failed-verification report and k-of-n attestations), governance (propose, vote,
/// execute) and initializeRound. Mostly plausible calls, some that must be refused; the same seed gives the same sequence.
/// </summary>
public sealed class CallGenerator
{
    private static readonly UInt256 E = ProtocolParameters.Lpt(1);
    private readonly Random _random;
    private readonly List<Hash> _reportedEvidence = [];
    private long _proposals;
    private ulong _nonce;

    /// <summary>A generator over <paramref name="actors"/>; <paramref name="seed"/> fixes the sequence.</summary>
    public CallGenerator(int seed, DifferentialActors actors)
    {
        Seed = seed;
        Actors = actors;
        _random = new Random(seed);
    }

    /// <summary>The seed (print it with any failure).</summary>
    public int Seed { get; }

    /// <summary>Who acts.</summary>
    public DifferentialActors Actors { get; }

    /// <summary>
    /// The sequence: round <paramref name="firstRound"/> registers every orchestrator and funds every broadcaster, then
    /// each round starts with initializeRound and carries between 5 and <paramref name="maxCallsPerRound"/> random calls,
    /// until <paramref name="calls"/> calls were generated. The calls do not depend on <paramref name="firstRound"/>.
    /// </summary>
    public IEnumerable<GeneratedStep> Steps(int calls, int maxCallsPerRound = 30, long firstRound = 1)
    {
        var count = 0;
        var round = firstRound;
        yield return new AdvanceRound(firstRound);
        yield return Plain("initializeRound", Actors.Delegators[0].Address, new InitializeRoundCall());
        foreach (var o in Actors.Orchestrators)
        {
            yield return Plain("bond", o.Address, new BondCall(Lpt(100 + _random.Next(400)), o.Address));
            yield return Plain("transcoder", o.Address, new TranscoderUpdateCall(_random.Next(0, 300_001), _random.Next(200_000, 1_000_001)));
        }
        foreach (var b in Actors.Broadcasters)
            yield return Plain("fundDepositAndReserve", b.Address, new FundDepositAndReserveCall(Lpt(2), Lpt(3)));
        while (count < calls)
        {
            round++;
            yield return new AdvanceRound(round);
            yield return Plain("initializeRound", Pick(Actors.All).Address, new InitializeRoundCall());
            var n = _random.Next(5, maxCallsPerRound + 1);
            // Orchestrators usually reward early in the round, sometimes late or not at all.
            foreach (var o in Actors.Orchestrators.Where(_ => _random.Next(5) != 0).OrderBy(_ => _random.Next()))
                if (_random.Next(3) != 0) { yield return Plain("reward", o.Address, new RewardCall()); count++; }
            for (var i = 0; i < n && count < calls; i++, count++) yield return Next(round);
        }
    }

    private GeneratedStep Next(long round)
    {
        var o = Pick(Actors.Orchestrators).Address;
        var d = Pick(Actors.Delegators).Address;
        var anyone = Pick(Actors.All).Address;
        var b = Pick(Actors.Broadcasters);
        return _random.Next(27) switch
        {
            0 or 1 => Plain("bond", d, new BondCall(Amount(), _random.Next(10) == 0 ? Pick(Actors.Delegators).Address : o)),
            2 => Plain("bondFor", anyone, new BondForCall(Amount(), d, o)),
            3 => Plain("bond", o, new BondCall(Amount(), o)),
            4 => Plain("unbond", _random.Next(4) == 0 ? o : d, new UnbondCall(Amount())),
            5 => new GeneratedCall("unbond", d, 0, inputs => new UnbondCall(inputs.CallerStake), NeedsStake: true), // everything: the delegator becomes unbonded
            6 => Plain("rebond", d, new RebondCall(_random.Next(3))),
            7 => Plain("rebondFromUnbonded", d, new RebondFromUnbondedCall(o, _random.Next(3))),
            8 => Plain("transferBond", d, new TransferBondCall(_random.Next(3) == 0 ? Pick(Actors.All).Address : Pick(Actors.Delegators).Address, Amount())),
            9 => Plain("withdrawStake", d, new WithdrawStakeCall(_random.Next(3))),
            10 => Plain("withdrawFees", _random.Next(2) == 0 ? o : d, new WithdrawFeesCall(d, (UInt256)(ulong)_random.Next(1, 1_000_000) * (UInt256)1_000_000_000UL)),
            11 => Plain("claimEarnings", _random.Next(2) == 0 ? o : d, new ClaimEarningsCall(round)),
            12 => Plain("transcoder", o, new TranscoderUpdateCall(_random.Next(0, 1_000_001), _random.Next(0, 1_000_001))),
            13 or 14 or 15 => Ticket(round, o, b),
            16 => Plain("fundDepositAndReserve", b.Address, new FundDepositAndReserveCall(E / (UInt256)(ulong)_random.Next(1, 10), E / (UInt256)(ulong)_random.Next(1, 10))),
            17 => Plain("fundDepositAndReserveFor", anyone, new FundDepositAndReserveForCall(b.Address, (UInt256)(ulong)_random.Next(0, 1000), UInt256.Zero)),
            18 => Plain("unlock", b.Address, new UnlockCall()),
            19 => Plain("cancelUnlock", b.Address, new CancelUnlockCall()),
            20 => Plain("withdraw", b.Address, new WithdrawCall()),
            21 => Report(d, o),
            22 => Attest(o),
            23 => _random.Next(4) == 0 ? Equivocation(d, Pick(Actors.Orchestrators)) : Plain("transcoder", o, new TranscoderUpdateCall(100_000, 500_000)),
            24 => Propose(o),
            // Votes go mostly to recent proposals, mostly for, mostly from orchestrators (they hold the stake quorum needs).
            25 => Plain("castVote", _random.Next(3) != 0 ? o : d, new VoteCall(Math.Max(1, _proposals - _random.Next(4)), (VoteSupport)(_random.Next(4) == 0 ? _random.Next(3) : 1))),
            _ => Plain("execute", anyone, new ExecuteCall(Math.Max(1, _proposals - _random.Next(8)))),
        };
    }

    private GeneratedCall Ticket(long round, Address recipient, PrivateKey broadcaster)
    {
        var nonce = ++_nonce;
        var face = E / (UInt256)(ulong)_random.Next(2, 40);
        var creationRound = _random.Next(6) == 0 ? round - 1 : round;
        var signer = _random.Next(15) == 0 ? Pick(Actors.Broadcasters.Where(x => x != broadcaster).DefaultIfEmpty(broadcaster).ToList()) : broadcaster;
        var rand = (UInt256)(nonce * 7919 + 13);
        return new GeneratedCall("redeemWinningTicket", recipient, creationRound, inputs =>
        {
            var hash = inputs.RoundBlockHash;
            var ticket = new Ticket(recipient, broadcaster.Address, face, UInt256.MaxValue, (UInt256)nonce, Protocol.TicketBroker.Ticket.RecipientRandHashOf(rand),
                creationRound, hash);
            return new RedeemWinningTicketCall(ticket, signer.Sign(ticket.SigningDigest()).Bytes.ToArray(), rand);
        });
    }

    private GeneratedCall Report(Address finder, Address transcoder)
    {
        var evidence = Keccak256.Hash(Encoding.UTF8.GetBytes($"evidence {Seed} {_reportedEvidence.Count}"));
        _reportedEvidence.Add(evidence);
        return Plain("reportFailedVerification", finder, new ReportFailedVerificationCall(transcoder, evidence, "http://127.0.0.1/evidence"));
    }

    private GeneratedCall Attest(Address transcoder)
    {
        var evidence = _reportedEvidence.Count == 0 ? Keccak256.Hash("none"u8) : _reportedEvidence[_random.Next(_reportedEvidence.Count)];
        return Plain("attestFailedVerification", Pick(Actors.Verifiers).Address, new AttestFailedVerificationCall(transcoder, evidence));
    }

    private GeneratedCall Equivocation(Address finder, PrivateKey orchestrator)
    {
        var seq = _random.Next(1000);
        var profiles = Keccak256.Hash("P720p30fps16x9"u8);
        var source = Keccak256.Hash(Encoding.UTF8.GetBytes($"source {seq}"));
        SignedResult Signed(int result)
        {
            var resultHash = Keccak256.Hash(Encoding.UTF8.GetBytes($"result {seq} {result}"));
            var claim = SegmentClaim.Hash("stream", seq, profiles, source, resultHash);
            return new SignedResult(source, resultHash, orchestrator.Sign(EthereumSignedMessage.Digest(claim)).Bytes.ToArray());
        }
        return Plain("slashEquivocation", finder, new SlashEquivocationCall(new EquivocationEvidence(orchestrator.Address, "stream", seq, profiles, Signed(1), Signed(2))));
    }

    private GeneratedCall Propose(Address proposer)
    {
        _proposals++;
        ProposalAction action = _random.Next(4) switch
        {
            0 => new ParameterChange(ParameterName.UnbondingPeriod, (UInt256)(ulong)_random.Next(1, 5)),
            1 => new ParameterChange(ParameterName.TreasuryRewardCutRate, PreciseFactor.PercPoints((UInt256)(ulong)_random.Next(0, 30), (UInt256)100UL)),
            2 => new ParameterChange(ParameterName.NumActiveTranscoders, (UInt256)(ulong)(3 + _proposals)), // the pool can only grow
            _ => new TreasurySpend(Pick(Actors.Delegators).Address, E / (UInt256)(ulong)_random.Next(1, 100)),
        };
        return Plain("propose", proposer, new ProposeCall([action], $"proposal {_proposals}"));
    }

    private UInt256 Amount() => _random.Next(8) == 0 ? (UInt256)(ulong)_random.Next(1, 1000) : Lpt(_random.Next(1, 120));

    private static UInt256 Lpt(int n) => E * (UInt256)(ulong)n;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static GeneratedCall Plain(string kind, Address caller, ProtocolCall call) => new(kind, caller, 0, _ => call);
}

/// <summary>The accounts of a differential run, with keys derived from their index (the same on every target).</summary>
public sealed record DifferentialActors(ImmutableArray<PrivateKey> Orchestrators, ImmutableArray<PrivateKey> Delegators,
    ImmutableArray<PrivateKey> Broadcasters, ImmutableArray<PrivateKey> Verifiers)
{
    /// <summary>Everyone.</summary>
    public ImmutableArray<PrivateKey> All => [.. Orchestrators, .. Delegators, .. Broadcasters, .. Verifiers];

    /// <summary>Every address, in a fixed order (the snapshot's accounts).</summary>
    public IReadOnlyList<Address> Addresses => All.Select(k => k.Address).ToList();

    private static readonly UInt256 E = ProtocolParameters.Lpt(1);

    /// <summary>The private keys of <see cref="All"/>, in order (for a target that signs transactions itself).</summary>
    public IReadOnlyList<byte[]> Secrets => [.. Enumerable.Range(0, All.Length).Select(Secret)];

    private static byte[] Secret(int index) => Keccak256.Hash(Encoding.UTF8.GetBytes($"differential actor {index}")).ToArray();

    /// <summary>5 orchestrators, 6 delegators, 2 broadcasters, 3 verifiers.</summary>
    public static DifferentialActors Create(int orchestrators = 5, int delegators = 6, int broadcasters = 2, int verifiers = 3)
    {
        var i = 0;
        ImmutableArray<PrivateKey> Keys(int n) => [.. Enumerable.Range(0, n).Select(_ => PrivateKey.FromBytes(Secret(i++)))];
        return new DifferentialActors(Keys(orchestrators), Keys(delegators), Keys(broadcasters), Keys(verifiers));
    }

    /// <summary>
    /// The genesis both targets start from: 10,000 LPT to every actor, 100 ETH to broadcasters, the verifiers with a
    /// 2-of-n threshold, devnet parameters with 20-block rounds (room for the blocks a round's calls are batched into
    /// before the last 10 % of the round locks; few empty blocks to mine between rounds) and 3 active transcoders
    /// (so the pool fills and evicts).
    /// </summary>
    public GenesisSpec Genesis(ProtocolParameters? parameters = null) => new()
    {
        Parameters = parameters ?? ProtocolParameters.Devnet with
        {
            RoundLength = 20, NumActiveTranscoders = 3, InflationChange = 3_000, ProposalThreshold = E * (UInt256)50UL, VotingPeriod = 2,
        },
        StartBlock = 0,
        Allocations = [.. All.Select((k, n) => new GenesisAllocation($"actor{n}", k.Address, E * (UInt256)10_000UL))],
        Eth = [.. Broadcasters.Select(k => (k.Address, E * (UInt256)100UL))],
        Verifiers = [.. Verifiers.Select(k => k.Address)],
        VerifierThreshold = 2,
    };
}
