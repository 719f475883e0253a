namespace Livepeer.Media.Verification;

/// <summary>Compares two mono 16-bit PCM tracks: normalized cross-correlation at the best lag within a bound.</summary>
public static class AudioSimilarity
{
    /// <summary>RMS of the samples as a fraction of full scale.</summary>
    public static double Rms(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty) return 0;
        double sum = 0;
        foreach (var s in samples) sum += (double)s * s;
        return Math.Sqrt(sum / samples.Length) / 32768.0;
    }

    /// <summary>
    /// Highest normalized cross-correlation of <paramref name="a"/> and <paramref name="b"/> over lags -maxLag..maxLag,
    /// computed over the overlap (the shorter track's length). 1 is identical up to gain; unrelated signals stay near 0.
    /// </summary>
    public static double Correlation(ReadOnlySpan<short> a, ReadOnlySpan<short> b, int maxLag)
    {
        int n = Math.Min(a.Length, b.Length);
        if (n == 0) return 0;
        double best = 0;
        for (int lag = -maxLag; lag <= maxLag; lag++)
        {
            int startA = Math.Max(0, lag), startB = Math.Max(0, -lag);
            int len = n - Math.Abs(lag);
            if (len < n / 2) continue;
            double dot = 0, ea = 0, eb = 0;
            for (int i = 0; i < len; i++)
            {
                double x = a[startA + i], y = b[startB + i];
                dot += x * y;
                ea += x * x;
                eb += y * y;
            }
            if (ea <= 0 || eb <= 0) continue;
            double c = dot / Math.Sqrt(ea * eb);
            if (c > best) best = c;
        }
        return best;
    }

    /// <summary>Reads little-endian signed 16-bit samples.</summary>
    public static short[] FromS16Le(ReadOnlySpan<byte> bytes)
    {
        var samples = new short[bytes.Length / 2];
        for (int i = 0; i < samples.Length; i++) samples[i] = (short)(bytes[2 * i] | (bytes[2 * i + 1] << 8));
        return samples;
    }
}
