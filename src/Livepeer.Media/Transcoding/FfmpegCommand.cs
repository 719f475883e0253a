using System.Globalization;
using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;

namespace Livepeer.Media.Transcoding;

/// <summary>
/// Builds the single ffmpeg command for one segment: one decode, a split filter feeding one fps+scale chain per rendition,
/// one encoder and output file per rendition. Timestamps are kept (-copyts, no mux delay, fMP4 tfdt = DTS) so renditions
/// line up with the source and stay continuous across segments; the first frame of each output is forced to a keyframe.
/// </summary>
public static class FfmpegCommand
{
    /// <summary>The container chosen for a codec (see <see cref="OutputContainer"/> for why).</summary>
    public static OutputContainer ContainerFor(VideoCodec codec) => CodecTable.Of(codec).Container;

    /// <summary>Fragmented-MP4 muxer flags that keep source timestamps in tfdt, write no trailer, and delay the moov until the
    /// first packet so codec configuration created by bitstream filters (the AAC AudioSpecificConfig) lands in it.</summary>
    public static readonly string[] Fmp4MuxerArgs =
    [
        "-f", "mp4", "-movflags", "frag_keyframe+empty_moov+delay_moov+default_base_moof+frag_discont+skip_trailer",
        "-use_editlist", "0", "-avoid_negative_ts", "disabled",
    ];

    /// <summary>Arguments for transcoding <paramref name="input"/> into <paramref name="outputs"/> (one per profile); a
    /// <paramref name="serviceProvider"/> is stamped into each output as go-livepeer does: MPEG-TS muxers read
    /// service_provider, MP4 and WebM muxers the comment ("Processed by ..."); each muxer ignores the other.</summary>
    public static List<string> Build(string input, SegmentProbe probe, IReadOnlyList<VideoProfile> profiles,
        IReadOnlyList<string> outputs, IReadOnlyList<string?> signatureFiles, string? serviceProvider = null) =>
        Build(["-loglevel", "verbose", "-i", input], probe, profiles, signatureFiles, serviceProvider, "expr:eq(n,0)",
            (i, container) => [.. MuxerArgs(container), outputs[i]]);

    /// <summary>
    /// Arguments for a long-lived ffmpeg reading a stream of MPEG-TS segments on stdin (<see cref="LongLivedFfmpeg"/>): the
    /// ladder of <see cref="Build(string, SegmentProbe, IReadOnlyList{VideoProfile}, IReadOnlyList{string}, IReadOnlyList{string?}, string?)"/>
    /// with keyframes forced where the source has them (every segment starts on one) and each rendition written by the segment
    /// muxer as one MPEG-TS piece per keyframe into <paramref name="piecePatterns"/>, each finished piece announced on stdout as
    /// a CSV line "file,start,end". Probing stops after the first segment's <paramref name="probeBytes"/>, so the first
    /// segment is not held back waiting for more input.
    /// </summary>
    public static List<string> BuildLongLived(SegmentProbe probe, IReadOnlyList<VideoProfile> profiles, IReadOnlyList<string> piecePatterns,
        string? serviceProvider, int probeBytes)
    {
        if (profiles.Any(p => ContainerFor(p.Codec) != OutputContainer.MpegTs))
            throw new ArgumentException("Long-lived sessions cut MPEG-TS renditions only.", nameof(profiles));
        return Build(["-loglevel", "error", "-probesize", Math.Max(32, probeBytes).ToString(CultureInfo.InvariantCulture), "-i", "pipe:0"],
            probe, profiles, profiles.Select(_ => (string?)null).ToList(), serviceProvider, "source",
            (i, _) => ["-f", "segment", "-segment_format", "mpegts", "-segment_time", "0.001", "-reset_timestamps", "0",
                "-segment_list", "pipe:1", "-segment_list_type", "csv", "-muxdelay", "0", "-muxpreload", "0", piecePatterns[i]]);
    }

    private static List<string> Build(IEnumerable<string> inputArgs, SegmentProbe probe, IReadOnlyList<VideoProfile> profiles,
        IReadOnlyList<string?> signatureFiles, string? serviceProvider, string keyframes, Func<int, OutputContainer, IEnumerable<string>> output)
    {
        var inv = CultureInfo.InvariantCulture;
        var args = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-y", "-copyts" };
        args.AddRange(inputArgs);
        var graph = new System.Text.StringBuilder();
        graph.Append(inv, $"[0:v:0]split={profiles.Count}");
        for (int i = 0; i < profiles.Count; i++) graph.Append(inv, $"[s{i}]");
        for (int i = 0; i < profiles.Count; i++)
        {
            var p = profiles[i];
            graph.Append(';').Append(inv, $"[s{i}]");
            if (p.FpsNum > 0) graph.Append(inv, $"fps={p.FpsNum}/{p.FpsDen},");
            graph.Append(inv, $"scale={p.Width}:{p.Height},setsar=1,format=yuv420p");
            if (signatureFiles[i] is { } sig) graph.Append(inv, $",signature=format=binary:filename={EscapeFilterPath(sig)}");
            graph.Append(inv, $"[v{i}]");
        }
        args.Add("-filter_complex");
        args.Add(graph.ToString());

        for (int i = 0; i < profiles.Count; i++)
        {
            var p = profiles[i];
            var container = ContainerFor(p.Codec);
            args.AddRange(["-map", $"[v{i}]"]);
            bool audio = probe.HasAudio && ContainerTable.Of(container).CarriesAac && probe.AudioCodec == "aac";
            if (audio) args.AddRange(["-map", "0:a:0"]);
            args.AddRange(EncoderArgs(p, probe, keyframes));
            if (audio)
            {
                args.AddRange(["-c:a", "copy"]);
                if (container == OutputContainer.Fmp4) args.AddRange(["-bsf:a", "aac_adtstoasc"]);
            }
            else args.Add("-an");
            if (serviceProvider is not null)
                args.AddRange(["-metadata", "service_provider=" + serviceProvider, "-metadata", "comment=Processed by " + serviceProvider]);
            args.AddRange(output(i, container));
        }
        return args;
    }

    private static IEnumerable<string> MuxerArgs(OutputContainer container) => container switch
    {
        OutputContainer.MpegTs => ["-f", "mpegts", "-muxdelay", "0", "-muxpreload", "0"],
        OutputContainer.Fmp4 => [.. Fmp4MuxerArgs, "-video_track_timescale", "90000"],
        OutputContainer.WebM => ["-f", "webm"],
        _ => throw new ArgumentOutOfRangeException(nameof(container), container, "No muxer for this container."),
    };

    /// <summary>Encoder name, rate control, GOP and keyframe arguments for a profile.</summary>
    public static IEnumerable<string> EncoderArgs(VideoProfile p, SegmentProbe probe) => EncoderArgs(p, probe, "expr:eq(n,0)");

    private static IEnumerable<string> EncoderArgs(VideoProfile p, SegmentProbe probe, string keyframes)
    {
        var inv = CultureInfo.InvariantCulture;
        double fps = p.FrameRate ?? (probe.FrameRateNum > 0 ? (double)probe.FrameRateNum / probe.FrameRateDen : 30);
        int gop = p.GopSeconds == VideoProfile.IntraOnly ? 1
            : p.GopSeconds > 0 ? Math.Max(1, (int)Math.Round(p.GopSeconds * fps)) : 0;
        var args = new List<string> { "-c:v", FfmpegEncoders.EncoderFor(p.Codec) };
        args.AddRange(RateControl(p));
        if (gop > 0) args.AddRange(["-g", gop.ToString(inv)]);
        // A fresh encoder starts with a keyframe anyway; forcing frame 0 also covers encoders that open with a non-IDR I frame.
        // A long-lived encoder instead follows the source's keyframes, which every segment starts on.
        args.AddRange(["-force_key_frames", keyframes]);
        switch (p.Codec)
        {
            case VideoCodec.H264:
                args.AddRange(["-preset", p.Preset ?? "veryfast", "-sc_threshold", "0"]);
                if (gop > 0) args.AddRange(["-keyint_min", gop.ToString(inv)]);
                if (p.EncoderProfile is { } prof) args.AddRange(["-profile:v", prof]);
                break;
            case VideoCodec.Hevc:
                args.AddRange(["-preset", p.Preset ?? "veryfast", "-x265-params", "log-level=error:scenecut=0"]);
                if (p.EncoderProfile is { } hprof) args.AddRange(["-profile:v", hprof]);
                break;
            case VideoCodec.Vp8:
            case VideoCodec.Vp9:
                args.AddRange(["-deadline", "realtime", "-cpu-used", p.Preset ?? "8"]);
                if (p.Codec == VideoCodec.Vp9) args.AddRange(["-row-mt", "1"]);
                break;
            case VideoCodec.Av1:
                args.AddRange(["-preset", p.Preset ?? "10"]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(p), p.Codec, "No encoder arguments for this codec.");
        }
        return args;
    }

    /// <summary>
    /// H.264 as go-livepeer encodes it (lpms: minrate = maxrate = bufsize = bitrate): with the peak capped at the target and a
    /// 1 s buffer, a 2 s segment encoded by a fresh encoder spends its buffer and lands on the target, as a long-lived encoder
    /// does (a 20 % higher peak and a 2 s buffer left fresh x264 encoders 7-27 % under it). Other codecs keep that headroom:
    /// with the 1 s buffer x265 starved frames of fast motion until an honest 90p rendition failed verification, and SVT-AV1
    /// refuses a peak equal to the target.
    /// </summary>
    private static string[] RateControl(VideoProfile p)
    {
        var inv = CultureInfo.InvariantCulture;
        string bitrate = p.Bitrate.ToString(inv);
        return p.Codec switch
        {
            VideoCodec.H264 => ["-b:v", bitrate, "-minrate", bitrate, "-maxrate", bitrate, "-bufsize", bitrate],
            VideoCodec.Hevc or VideoCodec.Vp8 or VideoCodec.Vp9 or VideoCodec.Av1 =>
                ["-b:v", bitrate, "-maxrate", (p.Bitrate * 6 / 5).ToString(inv), "-bufsize", (p.Bitrate * 2).ToString(inv)],
            _ => throw new ArgumentOutOfRangeException(nameof(p), p.Codec, "No rate control for this codec."),
        };
    }

    private static string EscapeFilterPath(string path)
    {
        // Filter graph syntax gives these characters meaning; the working directory is ours, so refuse rather than escape.
        if (path.IndexOfAny([':', ',', ';', '[', ']', '\'', '\\', ' ']) >= 0)
            throw new ArgumentException($"Signature path \"{path}\" contains characters ffmpeg's filter syntax reserves; use a temp directory without them.", nameof(path));
        return path;
    }
}
