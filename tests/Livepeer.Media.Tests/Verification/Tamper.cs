using System.Globalization;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Media.Verification;

namespace Livepeer.Media.Tests.Verification;

/// <summary>
/// Produces tampered renditions from an honest one with ffmpeg, keeping the container, codec and (with -copyts) the
/// timestamps of the honest rendition, and claiming the honest pixel count unless the tamper is about the claim. Used by
/// the accuracy tests and by bench/Livepeer.Verification.Bench.
/// </summary>
public static class Tamper
{
    /// <summary>
    /// The tampered rendition of kind <paramref name="kind"/>. <paramref name="otherContent"/> is an honest rendition (same
    /// profile and sequence) of a different clip, used for <see cref="TamperKind.WrongContent"/>.
    /// </summary>
    public static async Task<RenditionUnderTest> ApplyAsync(TamperKind kind, RenditionSegment honest, RenditionSegment? otherContent,
        string workDir, CancellationToken ct = default)
    {
        var p = honest.Profile;
        var inv = CultureInfo.InvariantCulture;
        long claim = honest.Pixels;
        int n = (int)honest.Frames;
        switch (kind)
        {
            case TamperKind.InflatedPixels:
                return new RenditionUnderTest(p, honest.Data, claim + claim / 10);
            case TamperKind.WrongContent:
                ArgumentNullException.ThrowIfNull(otherContent);
                return new RenditionUnderTest(p, otherContent.Data, claim);
        }
        Directory.CreateDirectory(workDir);
        var input = Path.Combine(workDir, $"honest-{Guid.NewGuid():N}.{honest.Extension}");
        var output = Path.Combine(workDir, $"tampered-{kind}-{Guid.NewGuid():N}.{honest.Extension}");
        await File.WriteAllBytesAsync(input, honest.Data, ct);
        try
        {
            var args = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-copyts", "-i", input };
            string? video = kind switch
            {
                TamperKind.Overlay => string.Create(inv, $"drawbox=x=iw/3:y=ih/3:w=iw/3:h=ih/3:color=red:t=fill:enable='between(n,{n / 3},{n / 3 + n / 4 - 1})'"),
                // 22% x 22% of the frame = 4.8% of its area.
                TamperKind.Watermark => "drawbox=x=iw*0.76:y=ih*0.76:w=iw*0.22:h=ih*0.22:color=white:t=fill",
                TamperKind.WatermarkTranslucent => "drawbox=x=iw*0.02:y=ih*0.02:w=iw*0.22:h=ih*0.22:color=white@0.7:t=fill",
                TamperKind.BurnedInText => "drawtext=text='LIVEPEER':fontsize=h/8:fontcolor=white:x=h/20:y=h-th-h/20",
                TamperKind.BlackPart => string.Create(inv, $"drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(n,{n / 3},{2 * n / 3 - 1})'"),
                TamperKind.BlackAll => "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill",
                TamperKind.Frozen => string.Create(inv, $"split[a][b];[a][b]freezeframes=first={n / 4 + 1}:last={n / 4 + n / 2}:replace={n / 4}"),
                TamperKind.WrongResolution => string.Create(inv, $"scale={p.Width / 4 * 2}:{p.Height / 4 * 2}"),
                TamperKind.WrongFrameRate => string.Create(inv, $"fps={p.FpsNum}/{p.FpsDen * 2}"),
                _ => null,
            };
            string? audio = kind switch
            {
                TamperKind.SwappedAudioTone => "sine=frequency=1234:sample_rate=48000",
                TamperKind.SwappedAudioNoise => "anoisesrc=color=white:seed=99:sample_rate=48000:amplitude=0.3",
                _ => null,
            };
            if (audio is not null) args.AddRange(["-f", "lavfi", "-t", "1.2", "-i", audio]);
            if (video is not null) args.AddRange(["-filter_complex", $"[0:v:0]{video}[v]", "-map", "[v]"]);
            else args.AddRange(["-map", "0:v:0"]);
            if (audio is not null) args.AddRange(["-map", "1:a:0"]);
            else if (kind != TamperKind.MissingAudio) args.AddRange(["-map", "0:a?"]);
            if (video is not null)
            {
                args.AddRange(FfmpegCommand.EncoderArgs(p, new SegmentProbe("h264", p.Width, p.Height, p.FpsNum, p.FpsDen, true, "aac")));
            }
            else args.AddRange(["-c:v", "copy"]);
            if (audio is not null) args.AddRange(["-c:a", "aac"]);
            else args.AddRange(["-c:a", "copy"]);
            if (kind == TamperKind.MissingAudio) args.Add("-an");
            switch (honest.Container)
            {
                case OutputContainer.MpegTs:
                    args.AddRange(["-f", "mpegts", "-muxdelay", "0", "-muxpreload", "0"]);
                    break;
                case OutputContainer.Fmp4:
                    if (audio is null && kind != TamperKind.MissingAudio) args.AddRange(["-bsf:a", "aac_adtstoasc"]);
                    args.AddRange(FfmpegCommand.Fmp4MuxerArgs);
                    args.AddRange(["-video_track_timescale", "90000"]);
                    break;
                default:
                    args.AddRange(["-f", "webm"]);
                    break;
            }
            args.Add(output);
            var run = await ProcessRun.RunAsync("ffmpeg", args, TimeSpan.FromSeconds(60), ct);
            if (run.ExitCode != 0)
                throw new InvalidOperationException($"Tamper {kind} failed: ffmpeg {string.Join(' ', args)}\n{run.StderrTail()}");
            return new RenditionUnderTest(p, await File.ReadAllBytesAsync(output, ct), claim);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }
}
