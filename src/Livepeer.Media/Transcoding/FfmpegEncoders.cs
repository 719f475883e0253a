using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;

namespace Livepeer.Media.Transcoding;

/// <summary>The encoders an ffmpeg binary offers (from `ffmpeg -encoders`, queried once) and which one each codec needs.</summary>
public sealed class FfmpegEncoders
{
    private readonly HashSet<string> _names;

    /// <summary>Wraps a known list of encoder names (used by tests and by <see cref="QueryAsync"/>).</summary>
    public FfmpegEncoders(IEnumerable<string> names) => _names = new HashSet<string>(names, StringComparer.Ordinal);

    /// <summary>All encoder names.</summary>
    public IReadOnlyCollection<string> Names => _names;

    /// <summary>The ffmpeg encoder used for a codec.</summary>
    public static string EncoderFor(VideoCodec codec) => CodecTable.Of(codec).FfmpegEncoder;

    /// <summary>True when ffmpeg has the encoder for <paramref name="codec"/>.</summary>
    public bool Supports(VideoCodec codec) => _names.Contains(EncoderFor(codec));

    /// <summary>Throws <see cref="TranscodeError.EncoderMissing"/> naming the first profile whose encoder is absent.</summary>
    public void EnsureAvailable(IEnumerable<VideoProfile> profiles, string ffmpegPath)
    {
        foreach (var p in profiles)
        {
            if (!Supports(p.Codec))
            {
                var enc = EncoderFor(p.Codec);
                throw new TranscodeException(TranscodeError.EncoderMissing,
                    $"ffmpeg ({ffmpegPath}) has no encoder \"{enc}\", needed for rendition \"{p.Name}\" ({p.Codec}). Use an ffmpeg built with --enable-{enc.Replace("-vp9", "", StringComparison.Ordinal)} or drop that profile.");
            }
        }
    }

    /// <summary>Runs `ffmpeg -hide_banner -encoders` and parses the names.</summary>
    public static async Task<FfmpegEncoders> QueryAsync(string ffmpegPath, CancellationToken cancellationToken = default)
    {
        var run = await ProcessRun.RunAsync(ffmpegPath, ["-hide_banner", "-encoders"], TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
            throw new TranscodeException(TranscodeError.FfmpegFailed, $"`{ffmpegPath} -encoders` failed (exit {run.ExitCode}).", run.StderrTail());
        return Parse(run.StandardOutput);
    }

    /// <summary>Parses `ffmpeg -encoders` output: lines like " V....D libx264   description".</summary>
    public static FfmpegEncoders Parse(string text)
    {
        var names = new List<string>();
        bool started = false;
        foreach (var line in text.Split('\n'))
        {
            var t = line.Trim();
            if (t.StartsWith("------", StringComparison.Ordinal)) { started = true; continue; }
            if (!started || t.Length == 0) continue;
            var parts = t.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[0].Length == 6) names.Add(parts[1]);
        }
        return new FfmpegEncoders(names);
    }
}
