using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster.Verification;
using Livepeer.Protocol.Slashing;
using Livepeer.Wire.Segments;

namespace Livepeer.Node.Bench.Verification;

/// <summary>
/// What verification adds to a segment on the broadcaster's network path: <see cref="ResultVerification.CheckAsync"/>
/// runs after the renditions are downloaded and their signature checked, before the segment is published, so its time
/// is the extra latency. A 2-second 720p30 source with audio, transcoded once by ffmpeg to the devnet ladder
/// (360p, 240p, 144p); measured: signature only (checks off), pixel/format checks, and pixel + perceptual checks.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 15)]
[MedianColumn]
public class ResultVerificationBenchmarks
{
    private static readonly VideoProfile[] Ladder =
        [VideoProfilePresets.ByName["P360p30fps16x9"], VideoProfilePresets.ByName["P240p30fps16x9"], VideoProfilePresets.ByName["P144p30fps16x9"]];

    private readonly PrivateKey _orchestrator = PrivateKey.Generate(new Random(5).NextBytes);
    private byte[] _source = [];
    private List<byte[]> _renditions = [];
    private List<long> _pixels = [];
    private ResultVerification _off = null!, _pixelsOnly = null!, _perceptual = null!;
    private long _seq;
    private string _dir = "";

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("verify-bench-").FullName;
        var path = Path.Combine(_dir, "source.ts");
        using (var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
                   ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=440", "-t", "2",
                    "-c:v", "libx264", "-preset", "veryfast", "-g", "60", "-c:a", "aac", "-f", "mpegts", path]))!)
            ffmpeg.WaitForExit();
        _source = File.ReadAllBytes(path);
        var result = new FfmpegTranscoder().TranscodeAsync(TsSegmentInfo.ToMediaSegment("bench", 0, _source), Ladder).GetAwaiter().GetResult();
        _renditions = result.Renditions.Select(r => r.Data).ToList();
        _pixels = result.Renditions.Select(r => r.Pixels).ToList();
        _off = new ResultVerification(new ResultVerificationOptions { Enabled = false, EvidenceDirectory = _dir }, null);
        _pixelsOnly = new ResultVerification(new ResultVerificationOptions { Perceptual = false, EvidenceDirectory = _dir }, null);
        _perceptual = new ResultVerification(new ResultVerificationOptions { PerceptualShare = 1, EvidenceDirectory = _dir }, null);
        if (Check(_perceptual).GetAwaiter().GetResult() is { } failure) throw new InvalidOperationException("An honest transcode failed verification: " + failure);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>Checks off: only the equivocation log (the signature is checked before, in every case).</summary>
    [Benchmark(Baseline = true)]
    public Task<string?> SignatureOnly() => Check(_off);

    /// <summary>Every segment: decode each rendition, codec, size, frame rate, pixels against the claim, audio.</summary>
    [Benchmark]
    public Task<string?> PixelChecks() => Check(_pixelsOnly);

    /// <summary>A sampled segment: the pixel checks plus SSIM, black/frozen frames and audio against the source.</summary>
    [Benchmark]
    public Task<string?> PixelAndPerceptualChecks() => Check(_perceptual);

    private Task<string?> Check(ResultVerification verification)
    {
        var seq = Interlocked.Increment(ref _seq);
        var profilesHash = Keccak256.Hash(ProfileIds.Concat(Ladder.Select(p => p.Name)));
        var sourceHash = Keccak256.Hash(_source);
        var resultHash = TranscodeResultHash.Of(_renditions.Select(r => (ReadOnlyMemory<byte>)r));
        var signature = PersonalMessage.Sign(_orchestrator, SegmentClaim.Hash("bench", seq, profilesHash, sourceHash, resultHash).Bytes).ToArray();
        return verification.CheckAsync(new ResultUnderCheck(_orchestrator.Address, "bench", seq, 2000, _source, sourceHash, profilesHash, Ladder, _renditions, _pixels,
            resultHash, signature), CancellationToken.None);
    }
}
