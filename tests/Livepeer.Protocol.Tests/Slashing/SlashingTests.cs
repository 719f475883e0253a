using System.Collections.Immutable;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Events;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Slashing;
using Livepeer.Protocol.State;
using Livepeer.Protocol.Tests.Support;

namespace Livepeer.Protocol.Tests.Slashing;

public class SlashingTests
{
    private static readonly Address O1 = Addr.Of(1), O2 = Addr.Of(2), D1 = Addr.Of(11), Finder = Addr.Of(40), V1 = Addr.Of(51), V2 = Addr.Of(52), V3 = Addr.Of(53);
    private static readonly Hash Profiles = Keccak256.Hash("P720p30fps16x9"u8);
    private static UInt256 L(ulong n) => TestChain.Lpt(n);

    private static TestChain Chain()
    {
        // equivocation 50%, failed verification 5%, finder fee 50%; no inflation so stakes stay round numbers.
        var p = ProtocolParameters.Devnet with { InitialInflation = 0, InflationChange = 0, TreasuryRewardCutRate = UInt256.Zero };
        var c = new TestChain(p, [(O1, L(1000)), (O2, L(1000)), (D1, L(1000))], verifiers: [V1, V2, V3], verifierThreshold: 2);
        c.StartRound(1);
        c.Call(O1, new BondCall(L(300), O1));
        c.Call(O2, new BondCall(L(100), O2));
        c.Call(D1, new BondCall(L(100), O1));
        c.StartRound(2);
        return c;
    }

    private static readonly Hash Source = Keccak256.Hash("source segment"u8);

    private static SignedResult Signed(Address signer, long seq, Hash result, Hash? source = null) =>
        new(source ?? Source, result, FakeSignatures.SignPersonal(signer, SegmentClaim.Hash("stream-1", seq, Profiles, source ?? Source, result)));

    [Fact]
    public void EquivocationSlashesPoolInProportionPaysFinderAndBurnsTheRest()
    {
        var c = Chain();
        var supply = c.State.Supply.Value.TotalSupply;
        var evidence = new EquivocationEvidence(O1, "stream-1", 7, Profiles, Signed(O1, 7, Hash(1)), Signed(O1, 7, Hash(2)));
        var events = c.Call(Finder, new SlashEquivocationCall(evidence));
        // Pool stake 400; penalty 50% = 200; finder 50% of it = 100; burned 100.
        Assert.Contains(new Slashed(O1, Finder, L(200), L(100), "equivocation"), events);
        Assert.Contains(new TranscoderDeactivated(O1, 3), events);
        Assert.Equal(L(100), c.State.LptBalanceOf(Finder));
        Assert.Equal(supply - L(100), c.State.Supply.Value.TotalSupply);
        Assert.Equal(L(200), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.False(c.State.Pool.Value.Contains(O1));
        Assert.False(BondingManager.CanEarn(c.State, O1, 2));
        // Every delegator loses half: O1 300 -> 150, D1 100 -> 50.
        Assert.Equal(L(150), BondingManager.PendingStakeAndFees(c.State, O1, 2).Stake);
        Assert.Equal(L(50), BondingManager.PendingStakeAndFees(c.State, D1, 2).Stake);
        c.Fail(Finder, new SlashEquivocationCall(evidence), ProtocolError.EvidenceAlreadySettled);
        // A delegator joining after the slash is not slashed.
        c.Call(O2, new TransferCall(Addr.Of(60), L(10)));
        c.Call(Addr.Of(60), new BondCall(L(10), O1));
        c.NextRound();
        Assert.Equal(L(10), BondingManager.PendingStakeAndFees(c.State, Addr.Of(60), c.Round).Stake);
        Assert.Equal(L(50), BondingManager.PendingStakeAndFees(c.State, D1, c.Round).Stake);
    }

    [Fact]
    public void EquivocationEvidenceIsChecked()
    {
        var c = Chain();
        var same = new EquivocationEvidence(O1, "stream-1", 7, Profiles, Signed(O1, 7, Hash(1)), Signed(O1, 7, Hash(1)));
        c.Fail(Finder, new SlashEquivocationCall(same), ProtocolError.InvalidEvidence);
        var otherSigner = new EquivocationEvidence(O1, "stream-1", 7, Profiles, Signed(O1, 7, Hash(1)), Signed(O2, 7, Hash(2)));
        c.Fail(Finder, new SlashEquivocationCall(otherSigner), ProtocolError.InvalidEvidence);
        var otherSegment = new EquivocationEvidence(O1, "stream-1", 7, Profiles, Signed(O1, 7, Hash(1)), Signed(O1, 8, Hash(2)));
        c.Fail(Finder, new SlashEquivocationCall(otherSegment), ProtocolError.InvalidEvidence);
        var otherSource = new EquivocationEvidence(O1, "stream-1", 7, Profiles, Signed(O1, 7, Hash(1)), Signed(O1, 7, Hash(2), Hash(3)));
        c.Fail(Finder, new SlashEquivocationCall(otherSource), ProtocolError.InvalidEvidence);
        // A signature over another source cannot be passed off as one over this source.
        var swapped = Signed(O1, 7, Hash(2), Hash(3)) with { SourceHash = Source };
        c.Fail(Finder, new SlashEquivocationCall(new EquivocationEvidence(O1, "stream-1", 7, Profiles, Signed(O1, 7, Hash(1)), swapped)), ProtocolError.InvalidEvidence);
        // The contract's segment number is a uint256: a negative one is refused before any signature is looked at.
        c.Fail(Finder, new SlashEquivocationCall(new EquivocationEvidence(O1, "stream-1", -1, Profiles, Signed(O1, 7, Hash(1)), Signed(O1, 7, Hash(2)))),
            ProtocolError.InvalidEvidence);
        var noStake = new EquivocationEvidence(Addr.Of(70), "stream-1", 7, Profiles, Signed(Addr.Of(70), 7, Hash(1)), Signed(Addr.Of(70), 7, Hash(2)));
        c.Fail(Finder, new SlashEquivocationCall(noStake), ProtocolError.NothingToSlash);
    }

    [Fact]
    public void FailedVerificationNeedsAReportThenKOfNVerifiersAndPaysTheReporter()
    {
        var c = Chain();
        var supply = c.State.Supply.Value.TotalSupply;
        var evidence = Hash(9);
        c.Fail(V1, new AttestFailedVerificationCall(O2, evidence), ProtocolError.UnknownEvidence);
        var reported = c.Call(Finder, new ReportFailedVerificationCall(O2, evidence, "http://127.0.0.1:8935/api/evidence/x"));
        Assert.Contains(new FailedVerificationReported(O2, evidence, Finder, "http://127.0.0.1:8935/api/evidence/x"), reported);
        c.Fail(V1, new ReportFailedVerificationCall(O2, evidence, "http://elsewhere/"), ProtocolError.AlreadyReported);
        c.Fail(Finder, new AttestFailedVerificationCall(O2, evidence), ProtocolError.NotAVerifier);
        var first = c.Call(V1, new AttestFailedVerificationCall(O2, evidence));
        Assert.DoesNotContain(first, e => e is Slashed);
        Assert.True(c.State.Pool.Value.Contains(O2));
        c.Fail(V1, new AttestFailedVerificationCall(O2, evidence), ProtocolError.AlreadyAttested);
        var second = c.Call(V2, new AttestFailedVerificationCall(O2, evidence));
        // 5% of 100 = 5 LPT; the reporter (not V2, who completed the quorum) gets half, the other half is burned.
        var half = TestChain.OneLpt * (UInt256)5UL / (UInt256)2UL;
        Assert.Contains(new Slashed(O2, Finder, L(5), half, "failed verification"), second);
        Assert.Equal(half, c.State.LptBalanceOf(Finder));
        Assert.Equal(UInt256.Zero, c.State.LptBalanceOf(V2));
        Assert.Equal(supply - half, c.State.Supply.Value.TotalSupply);
        Assert.False(c.State.Pool.Value.Contains(O2));
        Assert.Equal(L(95), BondingManager.PendingStakeAndFees(c.State, O2, 2).Stake);
        c.Fail(V3, new AttestFailedVerificationCall(O2, evidence), ProtocolError.EvidenceAlreadySettled);
        c.Fail(Finder, new ReportFailedVerificationCall(O2, evidence, "http://again/"), ProtocolError.EvidenceAlreadySettled);
    }

    [Fact]
    public void FailedVerificationShrinksEveryDelegatorInProportion()
    {
        var c = Chain();
        var evidence = Hash(11);
        c.Call(Finder, new ReportFailedVerificationCall(O1, evidence, "http://127.0.0.1/api/evidence/1"));
        c.Call(V1, new AttestFailedVerificationCall(O1, evidence));
        c.Call(V3, new AttestFailedVerificationCall(O1, evidence));
        // Pool 400, 5% = 20: O1 300 -> 285, D1 100 -> 95.
        Assert.Equal(L(380), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(L(285), BondingManager.PendingStakeAndFees(c.State, O1, 2).Stake);
        Assert.Equal(L(95), BondingManager.PendingStakeAndFees(c.State, D1, 2).Stake);
        c.NextRound();
        c.Call(D1, new ClaimEarningsCall(c.Round));
        Assert.Equal(L(95), c.State.DelegatorOf(D1).BondedAmount);
        Assert.False(BondingManager.CanEarn(c.State, O1, c.Round));
    }

    [Fact]
    public void FailedVerificationReportsAreChecked()
    {
        var c = Chain();
        c.Fail(Finder, new ReportFailedVerificationCall(O2, global::Livepeer.Core.Hash.Zero, "http://x/"), ProtocolError.InvalidEvidence);
        c.Fail(Finder, new ReportFailedVerificationCall(O2, Hash(1), ""), ProtocolError.InvalidEvidence);
        c.Fail(Finder, new ReportFailedVerificationCall(O2, Hash(1), new string('a', SlashingModule.MaxEvidenceUriLength + 1)), ProtocolError.InvalidEvidence);
        // The limit is in UTF-8 bytes, as the contract counts: 171 three-byte characters are 513 bytes.
        c.Fail(Finder, new ReportFailedVerificationCall(O2, Hash(1), new string('\u20ac', 171)), ProtocolError.InvalidEvidence);
        c.Fail(Finder, new ReportFailedVerificationCall(O2, Hash(1), " \t\n"), ProtocolError.InvalidEvidence);
        Assert.True(SlashingModule.IsValidEvidenceUri(new string('\u20ac', 170)));
        Assert.True(SlashingModule.IsValidEvidenceUri("\u00a0")); // not ASCII whitespace: accepted as the contract does
        c.Fail(Finder, new ReportFailedVerificationCall(default, Hash(1), "http://x/"), ProtocolError.InvalidAddress);
        c.Fail(Finder, new ReportFailedVerificationCall(Addr.Of(70), Hash(1), "http://x/"), ProtocolError.NothingToSlash);
        // The same evidence against another orchestrator is another report.
        c.Call(Finder, new ReportFailedVerificationCall(O1, Hash(1), "http://x/"));
        c.Call(Finder, new ReportFailedVerificationCall(O2, Hash(1), "http://x/"));
    }

    private static Hash Hash(int n) => Keccak256.Hash(BitConverter.GetBytes(n));
}

public class SlashAfterClaimTests
{
    [Fact]
    public void AClaimEarlierInTheRoundDoesNotEscapeTheSlash()
    {
        var o = Addr.Of(1);
        var d = Addr.Of(11);
        var p = ProtocolParameters.Devnet with { InitialInflation = 0, InflationChange = 0 };
        var c = new TestChain(p, [(o, TestChain.Lpt(1000)), (d, TestChain.Lpt(1000))]);
        c.StartRound(1);
        c.Call(o, new BondCall(TestChain.Lpt(100), o));
        c.Call(d, new BondCall(TestChain.Lpt(100), o));
        c.StartRound(2);
        c.Call(d, new ClaimEarningsCall(2));
        var r1 = Keccak256.Hash("a"u8);
        var r2 = Keccak256.Hash("b"u8);
        var profiles = Keccak256.Hash("p"u8);
        var source = Keccak256.Hash("s"u8);
        SignedResult S(Hash r) => new(source, r, FakeSignatures.SignPersonal(o, SegmentClaim.Hash("m", 1, profiles, source, r)));
        c.Call(Addr.Of(40), new SlashEquivocationCall(new EquivocationEvidence(o, "m", 1, profiles, S(r1), S(r2))));
        Assert.Equal(TestChain.Lpt(50), BondingManager.PendingStakeAndFees(c.State, d, 2).Stake);
        c.Fail(d, new UnbondCall(TestChain.Lpt(51)), ProtocolError.AmountExceedsBonded);
        c.Call(d, new UnbondCall(TestChain.Lpt(50)));
    }
}
