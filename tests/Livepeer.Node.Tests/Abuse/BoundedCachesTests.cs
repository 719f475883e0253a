using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Media.Profiles;
using Livepeer.Node.Broadcaster.Verification;
using Livepeer.Node.Evidence;
using Livepeer.Node.Services;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Node.Tests.Abuse;

/// <summary>
/// Bounded memory (issue 16): an orchestrator that cheats on every segment for days must not grow the broadcaster's
/// findings, its evidence folder or a verifier's decisions without end. Each is capped by count and expires by age.
/// </summary>
public sealed class BoundedCachesTests
{
    private static readonly PrivateKey Cheater = PrivateKey.Generate(new Random(171).NextBytes);
    private static readonly VideoProfile Profile = new("low", 320, 180, 300_000, 30, 1, 2);

    private static ResultUnderCheck Result(long seq, byte variant)
    {
        byte[] source = [1, 2, (byte)seq];
        var resultHash = Keccak256.Hash([variant, (byte)seq]);
        return new ResultUnderCheck(Cheater.Address, "s", seq, 2000, source, Keccak256.Hash(source), Keccak256.Hash([7]), [Profile], [[variant]], [1],
            resultHash, PersonalMessage.Sign(Cheater, resultHash.Bytes).ToArray());
    }

    [Fact]
    public async Task FindingsOfAnOrchestratorThatCheatsOnEverySegmentAreCappedAndExpire()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var dir = Directory.CreateTempSubdirectory("bounded-").FullName;
        try
        {
            var verification = new ResultVerification(new ResultVerificationOptions
            {
                Enabled = false, EvidenceDirectory = dir, RememberedFindings = 50, FindingRetention = TimeSpan.FromHours(1),
            }, chain: null, time: time);
            // Two different signed results for each of 500 segments: 500 equivocations, far more than the 50 kept.
            for (var seq = 0; seq < 500; seq++)
            {
                Assert.Null(await verification.CheckAsync(Result(seq, 1), CancellationToken.None));
                Assert.StartsWith("equivocation", await verification.CheckAsync(Result(seq, 2), CancellationToken.None));
            }
            Assert.Equal(50, verification.Findings.Count);
            Assert.Equal(499, verification.Findings[^1].Seq); // the newest are kept
            time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
            Assert.Empty(verification.Findings);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task TheEvidenceFolderKeepsTheNewestBundlesOnly()
    {
        var dir = Directory.CreateTempSubdirectory("bounded-evidence-").FullName;
        try
        {
            var store = new EvidenceStore(dir, maxBundles: 3);
            var hashes = new List<Hash>();
            for (byte i = 0; i < 6; i++)
            {
                var bundle = new EvidenceBundle(EvidenceBundle.CurrentVersion, Cheater.Address, default, "s", i, 1000, Keccak256.Hash([i]), [i],
                    [new EvidenceRendition(Profile, 1, Keccak256.Hash([i]), [i])], Keccak256.Hash([i, i]), new byte[65], false, [new EvidenceFailure("low", "Pixels", "too many")]);
                hashes.Add(await store.PutAsync(bundle, CancellationToken.None));
                File.SetLastWriteTimeUtc(Path.Combine(dir, hashes[^1].ToString()[2..] + ".json"), DateTime.UtcNow.AddMinutes(i - 10)); // distinct ages
            }
            Assert.Equal(3, Directory.GetFiles(dir, "*.json").Length);
            Assert.Null(await store.GetAsync(hashes[0], CancellationToken.None));
            Assert.NotNull(await store.GetAsync(hashes[5], CancellationToken.None));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void ARecentLogIsBoundedByCountAndAge()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var log = new RecentLog<int>(3, TimeSpan.FromMinutes(10), time);
        for (var i = 0; i < 10; i++)
        {
            log.Add(i);
            time.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Equal([7, 8, 9], log.Items);
        time.Advance(TimeSpan.FromMinutes(8)); // 7 was added 10 min ago now, 8 and 9 later
        Assert.Equal([8, 9], log.Items);
        Assert.Equal(8, log.Dropped);
    }
}
