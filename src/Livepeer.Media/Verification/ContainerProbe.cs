using Livepeer.Media.Codecs;
using Livepeer.Media.Fmp4;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Transcoding;
using Livepeer.Media.WebM;

namespace Livepeer.Media.Verification;

/// <summary>
/// Reads what <see cref="RenditionProbe"/> reports (codec, size, frames, pixels, frame rate, audio) from a rendition's container
/// instead of decoding it: MPEG-TS pictures and SPS sizes, fMP4 sample tables and sample entries, WebM blocks and track headers.
/// Costs a parse of the bytes (about a millisecond) where an ffprobe decode costs a process start and every frame.
/// </summary>
public static class ContainerProbe
{
    /// <summary>Probes <paramref name="data"/> as <paramref name="container"/>; throws <see cref="FormatException"/> saying what is wrong
    /// when it is malformed, truncated, or has no video frames.</summary>
    public static RenditionProbe Read(OutputContainer container, ReadOnlySpan<byte> data)
    {
        try
        {
            var probe = container switch
            {
                OutputContainer.MpegTs => FromTs(data),
                OutputContainer.Fmp4 => FromFmp4(data),
                OutputContainer.WebM => FromWebm(data),
                _ => throw new ArgumentOutOfRangeException(nameof(container), container, "Unknown output container."),
            };
            if (probe.Frames == 0) throw new FormatException("no video frames");
            return probe;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException or InvalidOperationException)
        {
            // A field shorter than its box or element claims: malformed input, like every other structural problem.
            throw new FormatException($"malformed {container}: {e.Message}", e);
        }
    }

    private static RenditionProbe FromTs(ReadOnlySpan<byte> data)
    {
        var scan = TsPictureScan.Read(data);
        string codec = IngestCodecTable.FromTsStreamType(scan.StreamType) is { } known
            ? IngestCodecTable.Of(known).ProbeName
            : $"MPEG-TS stream type 0x{scan.StreamType:X2}"; // fails the codec check
        var times = scan.PtsTicks.Select(t => t / 90000.0).ToList();
        return new RenditionProbe(codec, scan.Width, scan.Height, scan.Pictures, scan.Pixels, RenditionProbe.RateOf(times), scan.SizeChanges, scan.HasAudio);
    }

    private static RenditionProbe FromFmp4(ReadOnlySpan<byte> data)
    {
        var seg = Fmp4Segment.Parse(data.ToArray());
        var video = seg.Video ?? throw new FormatException("the moov has no video track");
        long frames = seg.SampleCount.GetValueOrDefault(video.TrackId);
        ulong duration = seg.Duration.GetValueOrDefault(video.TrackId);
        // n samples over their summed durations: the same rate as (n - 1) intervals over the first-to-last span when it is constant.
        double? rate = frames > 0 && duration > 0 ? frames * (double)video.Timescale / duration : null;
        bool audio = seg.Audio is { } a && seg.SampleCount.GetValueOrDefault(a.TrackId) > 0;
        return new RenditionProbe(SampleEntryCodec(video.SampleEntry), video.Width, video.Height, frames, frames * video.Width * video.Height, rate, false, audio);
    }

    private static RenditionProbe FromWebm(ReadOnlySpan<byte> data)
    {
        var scan = WebmBlockScan.Read(data);
        var times = scan.TimesSeconds.ToList();
        double? rate = RenditionProbe.RateOf(times) ?? (scan.DefaultDurationNs is long ns and > 0 ? 1e9 / ns : null);
        return new RenditionProbe(MatroskaCodec(scan.CodecId), scan.Width, scan.Height, scan.Frames, scan.Pixels, rate, scan.SizeChanges, scan.HasAudio);
    }

    /// <summary>ffprobe's codec name for an ISO BMFF sample entry; unknown entries are reported as themselves (and fail the codec check).</summary>
    internal static string SampleEntryCodec(string fourcc) => fourcc switch
    {
        "avc1" or "avc3" => "h264",
        "hvc1" or "hev1" => "hevc",
        "vp08" => "vp8",
        "vp09" => "vp9",
        "av01" => "av1",
        var other => $"sample entry {other}",
    };

    /// <summary>ffprobe's codec name for a Matroska CodecID; unknown ids are reported as themselves (and fail the codec check).</summary>
    internal static string MatroskaCodec(string codecId) => CodecTable.FromMatroskaId(codecId)?.ProbeName ?? $"Matroska codec {codecId}";
}
