using Livepeer.Media.Verification;

namespace Livepeer.Media.Tests.Verification;

/// <summary>The per-tile comparison on synthetic grids: persistent local bias counts, global shifts and short events do not.</summary>
public class TileBiasTests
{
    /// <summary>Frames of a 4x4 grid at 128 + <paramref name="level"/>(frame, tile).</summary>
    private static byte[] Grids(int frames, Func<int, int, int> level)
    {
        var raw = new byte[frames * 16];
        for (int f = 0; f < frames; f++)
            for (int k = 0; k < 16; k++) raw[f * 16 + k] = (byte)(128 + level(f, k));
        return raw;
    }

    [Fact]
    public void NoiseAroundZeroScoresNearZero()
    {
        var t = TileBias.From(Grids(30, (f, k) => (f + k) % 3 - 1), 4);
        Assert.Equal(30, t.Frames);
        Assert.True(t.Excess <= 1, $"excess {t.Excess}");
    }

    [Fact]
    public void PersistentCornerBiasIsFoundWithItsTile()
    {
        var t = TileBias.From(Grids(30, (f, k) => k == 15 ? 40 + f % 5 : f % 2), 4);
        Assert.True(t.Excess >= 39, $"excess {t.Excess}");
        Assert.Equal((3, 3), (t.Row, t.Column));
    }

    [Fact]
    public void DarkeningCountsLikeBrightening()
    {
        var t = TileBias.From(Grids(30, (f, k) => k == 4 ? -25 : 0), 4);
        Assert.Equal(25, t.Excess);
        Assert.Equal((1, 0), (t.Row, t.Column));
    }

    [Fact]
    public void GlobalShiftAndShortEventsDoNotCount()
    {
        // Every tile 10 levels brighter (a levels change) and one tile far off on 5 frames of 30 (left to the SSIM dip check).
        var t = TileBias.From(Grids(30, (f, k) => 10 + (k == 0 && f < 5 ? 100 : 0)), 4);
        Assert.Equal(0, t.Excess);
    }

    [Fact]
    public void EmptyOrPartialInputHasNoFrames()
    {
        Assert.Equal(new TileBias(0, 0, 0, 0), TileBias.From([], 4));
        Assert.Equal(0, TileBias.From(new byte[15], 4).Frames);
        Assert.Equal(1, TileBias.From(new byte[20], 4).Frames);
    }
}
