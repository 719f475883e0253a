namespace Livepeer.Media.Transcoding;

/// <summary>
/// What a persistent session's pre-built ffmpeg command depends on: codecs, picture size and (for ladders keeping the source
/// rate) the frame rate. A segment whose format differs cannot go to a process started for the old one.
/// </summary>
/// <param name="Probe">The stream description the command is built from.</param>
/// <param name="ServiceProvider">The metadata stamped into the outputs (<see cref="Segmenting.MediaSegment.ServiceProvider"/>).</param>
public sealed record SessionFormat(SegmentProbe Probe, string? ServiceProvider = null)
{
    /// <summary>Reads the format from the segment itself (TS scan, SPS size, PTS spacing): microseconds, no ffprobe.</summary>
    /// <param name="video">Video codec from <see cref="TsScan.Check"/>.</param>
    /// <param name="audio">Audio codec from <see cref="TsScan.Check"/>, or null.</param>
    /// <param name="ts">The segment bytes.</param>
    /// <param name="needsFrameRate">True when a profile keeps the source frame rate (so the GOP length depends on it).</param>
    public static SessionFormat Of(string video, string? audio, ReadOnlySpan<byte> ts, bool needsFrameRate)
    {
        var info = MpegTs.TsSegmentInfo.Probe(ts);
        int num = 0, den = 1;
        if (needsFrameRate && info.VideoFrames > 0 && info.Duration > 0)
        {
            // Frames over the PTS span: exact for constant-rate sources (60 frames over 180000 ticks = 30/1).
            long n = info.VideoFrames * 90_000L, d = info.Duration, g = Gcd(n, d);
            (num, den) = ((int)(n / g), (int)(d / g));
        }
        return new SessionFormat(new SegmentProbe(video, info.Tracks.Width, info.Tracks.Height, num, den, audio is not null, audio));
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
