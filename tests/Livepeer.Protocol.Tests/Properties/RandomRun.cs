using System.Numerics;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Governance;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Slashing;
using Livepeer.Protocol.State;
using Livepeer.Protocol.TicketBroker;
using Livepeer.Protocol.Tests.Support;

namespace Livepeer.Protocol.Tests.Properties;

/// <summary>
/// Drives a chain with a stream of random operations (decoded from integers, so CsCheck can shrink them) and checks
/// every invariant after each one: failed calls leave the state hash unchanged, LPT and ETH are conserved, the minter
/// covers every claim, the pool matches the delegated stakes, and the active stake matches the active set.
/// </summary>
public sealed class RandomRun
{
    public static readonly Address[] Orchestrators = [Addr.Of(1), Addr.Of(2), Addr.Of(3)];
    public static readonly Address[] Delegators = [Addr.Of(11), Addr.Of(12), Addr.Of(13), Addr.Of(14)];
    public static readonly Address[] Broadcasters = [Addr.Of(21), Addr.Of(22)];
    private static readonly Address[] Everyone = [.. Orchestrators, .. Delegators, .. Broadcasters];
    private static readonly Hash Profiles = Keccak256.Hash("profiles"u8);

    public TestChain Chain { get; }
    public List<(long Block, Address Caller, ProtocolCall Call)> Log { get; } = [];
    public int Succeeded { get; private set; }
    private readonly UInt256 _genesisSupply;
    private readonly bool _checkEveryStep;

    public static ProtocolParameters Parameters => ProtocolParameters.Devnet with
    {
        NumActiveTranscoders = 2, InitialInflation = 5_000_000, UnbondingPeriod = 2, TreasuryRewardCutRate = PreciseFactor.PercPoints(1, 10),
    };

    public RandomRun(bool checkEveryStep = true)
    {
        _checkEveryStep = checkEveryStep;
        Chain = new TestChain(Parameters,
            Everyone.Select(a => (a, TestChain.Lpt(1000))),
            Everyone.Select(a => (a, TestChain.Lpt(100))));
        _genesisSupply = Chain.State.Supply.Value.TotalSupply;
        Chain.StartRound(1);
    }

    private static UInt256 Amount(int x) => TestChain.OneLpt * (UInt256)(ulong)(1 + x % 200) / (UInt256)4UL;

    /// <summary>Applies the operation encoded by (kind, a, b, x).</summary>
    public void Step(int kind, int a, int b, int x)
    {
        var c = Chain;
        var o = Orchestrators[Math.Abs(a) % Orchestrators.Length];
        var o2 = Orchestrators[Math.Abs(b) % Orchestrators.Length];
        var anyone = Everyone[Math.Abs(a) % Everyone.Length];
        var other = Everyone[Math.Abs(b) % Everyone.Length];
        var d = Delegators[Math.Abs(a) % Delegators.Length];
        var bc = Broadcasters[Math.Abs(b) % Broadcasters.Length];
        x = Math.Abs(x);
        switch (Math.Abs(kind) % 23)
        {
            case 0: Do(o, new BondCall(Amount(x), o)); break;
            case 1: Do(d, new BondCall(Amount(x), o2)); break;
            case 2: Do(anyone, new UnbondCall(Amount(x))); break;
            case 3: Do(anyone, new RebondCall(RecentLock(anyone, x))); break;
            case 4: Do(anyone, new RebondFromUnbondedCall(o2, RecentLock(anyone, x))); break;
            case 5: Do(anyone, new WithdrawStakeCall(RecentLock(anyone, x))); break;
            case 6: Do(anyone, new WithdrawFeesCall(anyone, TestChain.OneLpt / (UInt256)(ulong)(1 + x % 50))); break;
            case 7: Do(o, new TranscoderUpdateCall(x % 1_000_001, (x * 7919L) % 1_000_001)); break;
            case 8:
            case 9: Do(o, new RewardCall()); break;
            case 10: Do(anyone, new ClaimEarningsCall(c.Round)); break;
            case 11: Do(anyone, new TransferBondCall(other, Amount(x))); break;
            case 12: Do(bc, new FundDepositAndReserveCall(Amount(x) / (UInt256)10UL, Amount(x / 3) / (UInt256)10UL)); break;
            case 13: Do(bc, x % 3 == 0 ? new UnlockCall() : x % 3 == 1 ? new CancelUnlockCall() : new WithdrawCall()); break;
            case 14:
            case 15: Redeem(bc, o, x); break;
            case 16: Do(anyone, new TransferCall(other, Amount(x))); break;
            case 17:
                c.SetBlock(c.Block + 1 + x % 25);
                if (x % 4 != 0) Do(anyone, new InitializeRoundCall());
                break;
            case 18:
                if (x % 8 == 0) Slash(o, anyone, x);
                else Do(anyone, new SetServiceUriCall($"https://127.0.0.1:{8936 + x % 10}"));
                break;
            case 19: Do(d, new BondForCall(Amount(x), Delegators[Math.Abs(b) % Delegators.Length], o2)); break;
            case 20:
                Do(o, new ProposeCall(x % 2 == 0
                    ? [new ParameterChange(ParameterName.UnbondingPeriod, (UInt256)(ulong)(1 + x % 4))]
                    : [new TreasurySpend(other, UInt256.One), new ParameterChange(ParameterName.NumActiveTranscoders, (UInt256)(ulong)(1 + x % 3))], "random"));
                break;
            case 21: Do(anyone, new VoteCall(1 + x % Math.Max(1, (int)c.State.Governance.Value.NextProposalId), (VoteSupport)(x % 3))); break;
            case 22: Do(anyone, new ExecuteCall(1 + x % Math.Max(1, (int)c.State.Governance.Value.NextProposalId))); break;
        }
    }

    private long RecentLock(Address a, int x) => Math.Max(0, Chain.State.DelegatorOf(a).NextUnbondingLockId - 1 - x % 3);

    private void Redeem(Address sender, Address recipient, int x)
    {
        var c = Chain;
        var rand = (UInt256)(ulong)(x + 1);
        var round = c.Round - x % 2;
        var ticket = new Ticket(recipient, sender, TestChain.OneLpt / (UInt256)(ulong)(1 + x % 20), UInt256.MaxValue, (UInt256)(ulong)x,
            Ticket.RecipientRandHashOf(rand), round, c.State.RoundBlockHashes.Get(round));
        Do(recipient, new RedeemWinningTicketCall(ticket, FakeSignatures.SignPersonal(sender, ticket.Hash()), rand));
    }

    private static readonly Hash Source = Keccak256.Hash("source"u8);

    private void Slash(Address orchestrator, Address finder, int x)
    {
        var seq = (long)x;
        SignedResult Signed(int n)
        {
            var result = Keccak256.Hash(BitConverter.GetBytes(n));
            return new SignedResult(Source, result, FakeSignatures.SignPersonal(orchestrator, SegmentClaim.Hash("m", seq, Profiles, Source, result)));
        }
        Do(finder, new SlashEquivocationCall(new EquivocationEvidence(orchestrator, "m", seq, Profiles, Signed(1), Signed(2))));
    }

    private void Do(Address caller, ProtocolCall call)
    {
        var c = Chain;
        var before = _checkEveryStep ? c.State.ComputeStateHash() : default;
        var r = c.Try(caller, call);
        Assert.True(r.Error is not (ProtocolError.ArithmeticOverflow or ProtocolError.InternalError), $"{call} hit {r.Error}: {r.Message}");
        if (r.Succeeded)
        {
            Succeeded++;
            Log.Add((c.Block, caller, call));
        }
        else if (_checkEveryStep)
        {
            Assert.Equal(before, c.State.ComputeStateHash());
        }
        if (_checkEveryStep) Invariants.Check(c.State, c.Round, _genesisSupply);
    }

    /// <summary>Replays the successful calls on a fresh genesis and returns the final state hash.</summary>
    public Hash Replay()
    {
        var fresh = new RandomRun(checkEveryStep: false);
        foreach (var (block, caller, call) in Log)
        {
            fresh.Chain.SetBlock(block);
            Assert.True(fresh.Chain.Try(caller, call).Succeeded, $"replay of {call} failed");
        }
        return fresh.Chain.State.ComputeStateHash();
    }
}
