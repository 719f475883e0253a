namespace Livepeer.Media.Verification;

/// <summary>
/// The local (per tile) comparison: from the per-frame grids of 128 + mean signed luma difference, each tile's persistent
/// bias is its median absolute offset over the frames; the score is the worst tile's bias beyond the median tile's, so a
/// uniform brightness shift and short events (left to the SSIM dip check) do not count, a corner watermark does.
/// </summary>
/// <param name="Excess">Worst tile's persistent bias minus the median tile's, in luma levels (0 when there are no frames).</param>
/// <param name="Row">Row of the worst tile (0 = top).</param>
/// <param name="Column">Column of the worst tile (0 = left).</param>
/// <param name="Frames">Grids read.</param>
public sealed record TileBias(double Excess, int Row, int Column, int Frames)
{
    /// <summary>Scores raw grids of <paramref name="grid"/> x <paramref name="grid"/> bytes per frame; a trailing partial grid is ignored.</summary>
    public static TileBias From(ReadOnlySpan<byte> raw, int grid)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grid, 1);
        int tiles = grid * grid, frames = raw.Length / tiles;
        if (frames == 0) return new TileBias(0, 0, 0, 0);
        var persistent = new double[tiles];
        var column = new double[frames];
        for (int k = 0; k < tiles; k++)
        {
            for (int f = 0; f < frames; f++) column[f] = Math.Abs(raw[f * tiles + k] - 128);
            persistent[k] = Median(column);
        }
        int worst = 0;
        for (int k = 1; k < tiles; k++) if (persistent[k] > persistent[worst]) worst = k;
        double excess = persistent[worst] - Median((double[])persistent.Clone());
        return new TileBias(excess, worst / grid, worst % grid, frames);
    }

    private static double Median(double[] xs)
    {
        Array.Sort(xs);
        int n = xs.Length;
        return n % 2 == 1 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
    }
}
