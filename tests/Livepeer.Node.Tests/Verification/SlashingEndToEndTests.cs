using Livepeer.Core.Crypto;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Verification;
using Livepeer.Node.Broadcaster.Verification;
using Livepeer.Node.Evidence;
using Livepeer.Node.Orchestrator.Misbehaviour;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Node.Tests.Verification;

/// <summary>
/// Cheating orchestrators end to end: the broadcaster catches each misbehaviour, the segment is transcoded by the honest
/// orchestrator instead, the evidence is reported (or the equivocation slashed at once), two of three verifier nodes
/// re-check the evidence and attest, and the slash pays the broadcaster, burns the rest, removes the cheater from the
/// active set and shrinks its delegator's stake.
/// </summary>
public sealed class SlashingEndToEndTests
{
    private static readonly SegmentVerifier Checker = new(new VerificationOptions());

    [Fact]
    public async Task TamperedVideoIsCaughtPerceptuallyReportedAttestedAndSlashed()
    {
        await using var s = await CheatingScenario.StartAsync(Misbehaviour.TamperVideo, seed: 301, new ResultVerificationOptions { PerceptualShare = 1 });
        var before = await s.SnapshotAsync();
        var stream = await s.PushUntilTheCheaterAnswersAsync("tamper");
        await AssertCaughtAndServedByTheHonestAsync(s, stream, VerificationCheck.BlackFrames);
        var slashed = await s.SlashedAsync(TimeSpan.FromSeconds(60));
        await s.AssertSlashedAsync(slashed, before, (await s.Chain.GetParametersAsync()).FailedVerificationSlashFraction, "failed verification");
        Assert.Equal(2, (await s.EventsAsync("FailedVerificationAttested")).Count);
    }

    [Fact]
    public async Task WrongPixelCountsAreCaughtReportedAttestedAndSlashed()
    {
        // Perceptual off at the broadcaster: the pixel check on every segment is enough.
        await using var s = await CheatingScenario.StartAsync(Misbehaviour.WrongPixels, seed: 302, new ResultVerificationOptions { Perceptual = false });
        var before = await s.SnapshotAsync();
        var stream = await s.PushUntilTheCheaterAnswersAsync("pixels");
        await AssertCaughtAndServedByTheHonestAsync(s, stream, VerificationCheck.Pixels);
        var slashed = await s.SlashedAsync(TimeSpan.FromSeconds(60));
        await s.AssertSlashedAsync(slashed, before, (await s.Chain.GetParametersAsync()).FailedVerificationSlashFraction, "failed verification");
    }

    [Fact]
    public async Task EquivocationIsSlashedAtOnceAndTheSegmentGoesToTheHonest()
    {
        await using var s = await CheatingScenario.StartAsync(Misbehaviour.Equivocate, seed: 303, new ResultVerificationOptions { Perceptual = false });
        var before = await s.SnapshotAsync();
        var network = s.Broadcaster.Network!;
        string? stream = null;
        for (var attempt = 0; attempt < 8 && stream is null; attempt++)
        {
            await network.TranscodeAsync(TsSegmentInfo.ToMediaSegment($"equivocate{attempt}", 0, CheatingScenario.Source), [CheatingScenario.Tiny]);
            if (s.Cheater.Core.Segments > 0) stream = $"equivocate{attempt}";
        }
        Assert.NotNull(stream);
        var honestBefore = s.Honest.Core.Segments;
        // The same segment again (a retransmission): the cheater signs a different result for it.
        var again = await network.TranscodeAsync(TsSegmentInfo.ToMediaSegment(stream, 0, CheatingScenario.Source), [CheatingScenario.Tiny]);
        Assert.Equal(honestBefore + 1, s.Honest.Core.Segments);
        Assert.True((await Checker.VerifyAsync(CheatingScenario.Source, [new RenditionUnderTest(CheatingScenario.Tiny, again.Renditions[0].Data, again.Renditions[0].Pixels)], perceptual: true)).Passed);
        var finding = Assert.Single(network.Verification!.Findings);
        Assert.Equal("equivocation", finding.Kind);
        await network.Verification.DrainAsync();
        Assert.True(finding.ChainError is null, finding.ChainError);
        var slashed = Assert.Single(await s.EventsAsync("Slashed"));
        await s.AssertSlashedAsync(slashed, before, (await s.Chain.GetParametersAsync()).EquivocationSlashFraction, "equivocation");
        Assert.Empty(await s.EventsAsync("FailedVerificationReported"));
    }

    [Fact]
    public async Task AnHonestRunWithVerificationOnReportsAndSlashesNothing()
    {
        await using var s = await CheatingScenario.StartAsync(Misbehaviour.None, seed: 304, new ResultVerificationOptions { PerceptualShare = 1 }, cheaterIsHonest: true);
        var stream = await s.PushUntilTheCheaterAnswersAsync("honest");
        // The same segment sent again gets the very same signed result: an honest orchestrator never equivocates.
        var network = s.Broadcaster.Network!;
        await network.TranscodeAsync(TsSegmentInfo.ToMediaSegment(stream, 0, CheatingScenario.Source), [CheatingScenario.Tiny]);
        Assert.Empty(network.Verification!.Findings);
        Assert.True(network.Verification.Checked >= 2);
        Assert.Equal(network.Verification.Checked, network.Verification.CheckedPerceptually);
        await Task.Delay(300); // a verifier poll or two
        Assert.Empty(await s.EventsAsync("FailedVerificationReported"));
        Assert.Empty(await s.EventsAsync("Slashed"));
        Assert.All(s.VerifierNodes, v => Assert.Empty(v.Decisions));
        Assert.Equal(0, (await s.Chain.GetTranscoderAsync(s.Cheater.Core.Address)).SlashCount);
    }

    [Fact]
    public async Task VerifiersDeclineEvidenceThatPassesOrIsNotSignedForItsSource()
    {
        await using var s = await CheatingScenario.StartAsync(Misbehaviour.None, seed: 305, new ResultVerificationOptions { Enabled = false }, cheaterIsHonest: true);
        var stream = await s.PushUntilTheCheaterAnswersAsync("frame");
        var rendition = await s.PublishedRenditionAsync(stream);
        var orchestrator = s.Network.Accounts[0]; // the test holds the (honest) orchestrator's key, so it can make validly signed claims
        var pixels = (await Checker.VerifyAsync(CheatingScenario.Source, [new RenditionUnderTest(CheatingScenario.Tiny, rendition, 0)], false)).Renditions[0].MeasuredPixels;
        EvidenceBundle Bundle(byte[] source, byte[] signedSource)
        {
            var renditionHash = Keccak256.Hash(rendition);
            var result = Livepeer.Wire.Segments.TranscodeResultHash.OfRenditionHashes([renditionHash]);
            var profiles = Keccak256.Hash(Livepeer.Wire.Segments.ProfileIds.Concat([CheatingScenario.Tiny.Name]));
            var claim = Livepeer.Protocol.Slashing.SegmentClaim.Hash(stream, 0, profiles, Keccak256.Hash(signedSource), result);
            return new EvidenceBundle(EvidenceBundle.CurrentVersion, orchestrator.Address, s.Network.BroadcasterKey.Address, stream, 0, 1000, Keccak256.Hash(source), source,
                [new EvidenceRendition(CheatingScenario.Tiny, pixels, renditionHash, rendition)], result, PersonalMessage.Sign(orchestrator, claim.Bytes).ToArray(), true,
                [new EvidenceFailure(CheatingScenario.Tiny.Name, "Perceptual", "made up")]);
        }
        // A good transcode reported as bad; and the same renditions paired with another source (a frame-up).
        byte[] otherSource = [.. CheatingScenario.Source, 0x47, 0x1F, 0xFF, 0x10, .. Enumerable.Repeat((byte)0xFF, 184)];
        var store = s.Broadcaster.Network!.Verification!.Evidence;
        using var reporter = new Livepeer.Chain.Client.LedgerClient(s.Network.Ledger.RpcUri, s.Network.BroadcasterKey);
        foreach (var bundle in new[] { Bundle(CheatingScenario.Source, CheatingScenario.Source), Bundle(otherSource, CheatingScenario.Source) })
        {
            var hash = await store.PutAsync(bundle, CancellationToken.None);
            await reporter.ReportFailedVerificationAsync(orchestrator.Address, hash, new Uri(s.Broadcaster.HttpAddress, "/api/evidence/" + hash).ToString());
        }
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (s.VerifierNodes.Any(v => v.Decisions.Count < 2) && DateTime.UtcNow < deadline) await Task.Delay(100);
        foreach (var v in s.VerifierNodes)
        {
            Assert.Equal(2, v.Decisions.Count);
            Assert.All(v.Decisions, d => Assert.False(d.Attested));
            Assert.Contains(v.Decisions, d => d.Reason.Contains("passed the checks again", StringComparison.Ordinal));
            Assert.Contains(v.Decisions, d => d.Reason.Contains("source bytes do not hash", StringComparison.Ordinal) || d.Reason.Contains("not by the accused", StringComparison.Ordinal));
        }
        Assert.Empty(await s.EventsAsync("FailedVerificationAttested"));
        Assert.Empty(await s.EventsAsync("Slashed"));
    }

    private static async Task AssertCaughtAndServedByTheHonestAsync(CheatingScenario s, string stream, VerificationCheck expected)
    {
        var verification = s.Broadcaster.Network!.Verification!;
        var finding = Assert.Single(verification.Findings);
        Assert.Equal("failed-verification", finding.Kind);
        Assert.Equal(s.Cheater.Core.Address, finding.Orchestrator);
        Assert.Contains(expected.ToString(), finding.Reason);
        Assert.True(s.Honest.Core.Segments >= 1, "the honest orchestrator never got the segment");

        // The playlist has the honest rendition: it passes every check against the source.
        var published = await s.PublishedRenditionAsync(stream);
        var recheck = await Checker.VerifyAsync(CheatingScenario.Source, [new RenditionUnderTest(CheatingScenario.Tiny, published, 0)], perceptual: true);
        Assert.DoesNotContain(recheck.Failures, f => f.Check != VerificationCheck.Pixels); // claimed pixels unknown here

        // The evidence is served by the broadcaster under its hash, authentic, and reported on the ledger.
        using var http = new HttpClient { BaseAddress = s.Broadcaster.HttpAddress };
        var bytes = await http.GetByteArrayAsync($"api/evidence/{finding.Evidence}");
        Assert.Equal(finding.Evidence, Keccak256.Hash(bytes));
        var bundle = EvidenceBundle.Parse(bytes);
        bundle.Authenticate();
        Assert.Equal(Keccak256.Hash(CheatingScenario.Source), bundle.SourceHash);
        await verification.DrainAsync();
        Assert.Null(finding.ChainError);
        var report = Assert.Single(await s.EventsAsync("FailedVerificationReported"));
        Assert.Equal(finding.Evidence.ToString(), report.GetProperty("evidence").GetString());
        var status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("api/status")).RootElement.GetProperty("verification");
        Assert.Equal(finding.Evidence.ToString(), status.GetProperty("findings")[0].GetProperty("evidence").GetString());
        Assert.Equal(404, (int)(await http.GetAsync($"api/evidence/{Keccak256.Hash([1])}")).StatusCode);
        Assert.Equal(400, (int)(await http.GetAsync("api/evidence/nothex")).StatusCode);
    }
}
