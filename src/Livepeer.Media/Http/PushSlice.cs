using System.Globalization;

namespace Livepeer.Media.Http;

/// <summary>
/// go-livepeer's push slice: Content-Slice-From / Content-Slice-To (milliseconds from the segment's start) keep only that
/// part of a pushed segment. A value that is not a whole number is ignored, as go does; 0 means "from the start" /
/// "to the end".
/// </summary>
public readonly record struct PushSlice(long FromMs, long ToMs)
{
    /// <summary>Header naming where the kept part starts.</summary>
    public const string FromHeader = "Content-Slice-From";
    /// <summary>Header naming where the kept part ends.</summary>
    public const string ToHeader = "Content-Slice-To";

    /// <summary>
    /// Reads the two headers: null when neither asks for a slice; <paramref name="error"/> (go's text) when both are set and
    /// from is after to.
    /// </summary>
    public static PushSlice? Parse(string? from, string? to, out string? error)
    {
        error = null;
        var f = ulong.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var fv) && fv <= long.MaxValue ? (long)fv : 0;
        var t = ulong.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var tv) && tv <= long.MaxValue ? (long)tv : 0;
        if (f == 0 && t == 0) return null;
        if (f > 0 && t > 0 && f > t)
        {
            error = $"Invalid slice config from={f}ms to={t}ms";
            return null;
        }
        return new PushSlice(f, t);
    }

    /// <summary>ffmpeg output options that keep the slice (timestamps counted from the segment's first one).</summary>
    internal IEnumerable<string> FfmpegOutputOptions()
    {
        if (FromMs > 0) yield return "-ss";
        if (FromMs > 0) yield return Seconds(FromMs);
        if (ToMs > 0) yield return "-to";
        if (ToMs > 0) yield return Seconds(ToMs);
    }

    private static string Seconds(long ms) => (ms / 1000m).ToString("0.000", CultureInfo.InvariantCulture);
}
