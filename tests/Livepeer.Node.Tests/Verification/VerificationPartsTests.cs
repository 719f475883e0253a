using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Media.Profiles;
using Livepeer.Node.Broadcaster.Verification;
using Livepeer.Node.Evidence;
using Livepeer.Node.Orchestrator.Misbehaviour;
using Livepeer.Node.Orchestrator.Results;
using Livepeer.Protocol.Slashing;
using Livepeer.Wire.Segments;
using Microsoft.Extensions.Time.Testing;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Tests.Verification;

public class VerificationPartsTests
{
    private static readonly PrivateKey Orchestrator = PrivateKey.Generate(new Random(7).NextBytes);
    private static readonly VideoProfile Profile = new("P144p", 256, 144, 200_000, 30, 1, 1);

    private static EvidenceBundle Signed(byte[] source, byte[] rendition)
    {
        var renditionHash = Keccak256.Hash(rendition);
        var result = TranscodeResultHash.OfRenditionHashes([renditionHash]);
        var claim = SegmentClaim.Hash("s", 3, Keccak256.Hash(ProfileIds.Concat([Profile.Name])), Keccak256.Hash(source), result);
        return new EvidenceBundle(EvidenceBundle.CurrentVersion, Orchestrator.Address, default, "s", 3, 1000, Keccak256.Hash(source), source,
            [new EvidenceRendition(Profile, 12345, renditionHash, rendition)], result, PersonalMessage.Sign(Orchestrator, claim.Bytes).ToArray(), false,
            [new EvidenceFailure(Profile.Name, "Pixels", "claimed too many")]);
    }

    [Fact]
    public void AnEvidenceBundleRoundTripsCanonicallyAndAuthenticates()
    {
        var bundle = Signed([1, 2, 3], [4, 5, 6]);
        var bytes = bundle.ToBytes();
        var parsed = EvidenceBundle.Parse(bytes);
        parsed.Authenticate();
        Assert.Equal(bytes, parsed.ToBytes());
        Assert.Equal(Keccak256.Hash(bytes), EvidenceBundle.HashOf(parsed.ToBytes()));
        Assert.Equal(Profile, parsed.Renditions[0].Profile);
    }

    [Fact]
    public void AFinderCannotSwapTheSourceOrTheRenditions()
    {
        var bundle = Signed([1, 2, 3], [4, 5, 6]);
        var otherSource = bundle with { Source = [9, 9], SourceHash = Keccak256.Hash([9, 9]) };
        Assert.Contains("not by the accused", Assert.Throws<EvidenceException>(otherSource.Authenticate).Message);
        Assert.Throws<EvidenceException>((bundle with { Source = [9, 9] }).Authenticate);
        var otherRendition = bundle with { Renditions = [bundle.Renditions[0] with { Data = [7], Hash = Keccak256.Hash([7]) }] };
        Assert.Throws<EvidenceException>(otherRendition.Authenticate);
        Assert.Throws<EvidenceException>((bundle with { Orchestrator = Address.Parse("0x00000000000000000000000000000000000000aa") }).Authenticate);
        Assert.Throws<EvidenceException>(() => EvidenceBundle.Parse("{\"version\":1}"u8));
        Assert.Throws<EvidenceException>(() => EvidenceBundle.Parse("not json"u8));
    }

    [Fact]
    public async Task TheEvidenceStoreKeepsBundlesByHash()
    {
        var dir = Directory.CreateTempSubdirectory("evidence-").FullName;
        try
        {
            var store = new EvidenceStore(dir);
            var bundle = Signed([1], [2]);
            var hash = await store.PutAsync(bundle, CancellationToken.None);
            Assert.Equal(Keccak256.Hash(bundle.ToBytes()), hash);
            Assert.Equal(bundle.ToBytes(), await store.GetAsync(hash, CancellationToken.None));
            Assert.Null(await store.GetAsync(Keccak256.Hash([0]), CancellationToken.None));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void TheSignedResultLogFindsTwoResultsForOneSourceOnly()
    {
        var log = new SignedResultLog(capacity: 2);
        Hash H(byte b) => Keccak256.Hash([b]);
        Assert.Null(log.Record(H(1), new SignedResult(H(10), H(20), [1])));
        Assert.Null(log.Record(H(1), new SignedResult(H(10), H(20), [1]))); // the same result again is fine
        Assert.Null(log.Record(H(1), new SignedResult(H(11), H(21), [1]))); // another source under the same number is not equivocation
        Assert.Equal(H(20), log.Record(H(1), new SignedResult(H(10), H(22), [1]))!.ResultHash);
        log.Record(H(2), new SignedResult(H(10), H(20), [1]));
        log.Record(H(3), new SignedResult(H(10), H(20), [1]));
        Assert.Null(log.Record(H(1), new SignedResult(H(10), H(23), [1]))); // forgotten: bounded memory
    }

    [Fact]
    public void MisbehaviourNeedsTheEnvironmentSwitch()
    {
        Assert.Equal(Misbehaviour.None, MisbehaviourSwitch.Parse(null, null));
        Assert.Equal(Misbehaviour.TamperVideo, MisbehaviourSwitch.Parse("tamper-video", "1"));
        Assert.Equal(Misbehaviour.WrongPixels, MisbehaviourSwitch.Parse("wrong-pixels", "1"));
        Assert.Equal(Misbehaviour.Equivocate, MisbehaviourSwitch.Parse("equivocate", "1"));
        Assert.Contains(MisbehaviourSwitch.AllowVariable, Assert.Throws<ArgumentException>(() => MisbehaviourSwitch.Parse("equivocate", null)).Message);
        Assert.Throws<ArgumentException>(() => MisbehaviourSwitch.Parse("equivocate", "yes"));
        Assert.Contains("tamper-video", Assert.Throws<ArgumentException>(() => MisbehaviourSwitch.Parse("lie", "1")).Message);
    }

    [Fact]
    public void AnsweredSegmentsAreBoundedAndExpire()
    {
        var time = new FakeTimeProvider();
        var answered = new AnsweredSegments(capacity: 2, TimeSpan.FromMinutes(1), time);
        Hash H(byte b) => Keccak256.Hash([b]);
        AnsweredSegment A() => new(H(9), new Proto.TranscodeData(), [], 1, time.GetUtcNow() + TimeSpan.FromMinutes(1));
        answered.Remember(H(1), A());
        Assert.NotNull(answered.Find(H(1)));
        answered.Remember(H(2), A());
        answered.Remember(H(3), A());
        Assert.Null(answered.Find(H(1)));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(answered.Find(H(3)));
    }

    [Fact]
    public void VerificationOptionsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResultVerificationOptions { PerceptualShare = 1.5 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResultVerificationOptions { RememberedResults = 0 }.Validate());
        var off = new ResultVerificationOptions { Perceptual = false, PerceptualShare = 0.5 };
        off.Validate();
        Assert.Equal(0, off.EffectiveChecks().PerceptualShare);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Livepeer.Node.Orchestrator.OrchestratorServingOptions { AnsweredSegmentsRetention = TimeSpan.FromSeconds(1) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Livepeer.Node.Verifier.VerifierNodeOptions { Poll = TimeSpan.Zero }.Validate());
    }
}
