using Livepeer.Media.Fmp4;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Tests.Transcoding;

/// <summary>Bounded mutation runs over the in-process parsers: bad bytes give a typed error, never a crash or hang.</summary>
public class MalformedInputTests
{
    private static IEnumerable<byte[]> Mutations(byte[] seed, int count, int rngSeed)
    {
        var rng = new Random(rngSeed);
        for (int i = 0; i < count; i++)
        {
            var m = (byte[])seed.Clone();
            switch (i % 4)
            {
                case 0: for (int k = 0; k < 1 + rng.Next(20); k++) m[rng.Next(m.Length)] = (byte)rng.Next(256); break;
                case 1: m = m[..rng.Next(m.Length)]; break;
                case 2: { int a = rng.Next(m.Length), b = Math.Min(m.Length, a + rng.Next(400)); m = [.. m[..a], .. m[b..]]; break; }
                default: { int a = rng.Next(m.Length); var junk = new byte[rng.Next(1, 300)]; rng.NextBytes(junk); m = [.. m[..a], .. junk, .. m[a..]]; break; }
            }
            yield return m;
        }
    }

    [Fact]
    public void MutatedTsSegmentsGiveTypedErrorsOnly()
    {
        var seed = TestMedia.SmallSegments[0].Data.ToArray()[..(188 * 200)];
        int typed = 0;
        foreach (var m in Mutations(seed, 3000, 7))
        {
            try { TsScan.Check(m); }
            catch (TranscodeException e)
            {
                Assert.True(e.Error is TranscodeError.CorruptInput or TranscodeError.NoFrames or TranscodeError.NoKeyframe, e.Error.ToString());
                typed++;
            }
        }
        Assert.True(typed > 300, $"only {typed} mutations were rejected; the scan is not checking much");
    }

    [Fact]
    public async Task MutatedFmp4GivesFormatExceptionsOnly()
    {
        var r = await new FfmpegTranscoder().TranscodeAsync(TestMedia.SmallSegments[0],
            [new Livepeer.Media.Profiles.VideoProfile("v", 160, 90, 100_000, 15, 1, 1, Livepeer.Media.Codecs.VideoCodec.Vp9)]);
        var seed = r.Renditions[0].Data;
        Fmp4Segment.Parse(seed);
        int rejected = 0;
        foreach (var m in Mutations(seed, 3000, 11))
        {
            try { Fmp4Segment.Parse(m); }
            catch (FormatException) { rejected++; }
        }
        Assert.True(rejected > 300, $"only {rejected} mutations were rejected");
    }

    [Fact]
    public async Task MutatedWebmGivesFormatExceptionsOnly()
    {
        var r = await new FfmpegTranscoder().TranscodeAsync(TestMedia.SmallSegments[0],
            [new Livepeer.Media.Profiles.VideoProfile("v", 160, 90, 100_000, 15, 1, 1, Livepeer.Media.Codecs.VideoCodec.Vp8)]);
        var seed = r.Renditions[0].Data;
        Livepeer.Media.Dash.WebmSegment.Parse(seed);
        int rejected = 0;
        foreach (var m in Mutations(seed, 3000, 13))
        {
            try { Livepeer.Media.Dash.WebmSegment.Parse(m); }
            catch (FormatException) { rejected++; }
        }
        Assert.True(rejected > 300, $"only {rejected} mutations were rejected");
    }
}
