using System.Globalization;
using Livepeer.Media.Transcoding;

namespace Livepeer.Node.Orchestrator.Misbehaviour;

/// <summary>
/// Wraps a real transcoder and cheats on its output (test only): <see cref="Misbehaviour.TamperVideo"/> re-encodes each
/// MPEG-TS rendition with every frame painted black (same size, frame count and audio, so only a perceptual check sees it);
/// <see cref="Misbehaviour.WrongPixels"/> reports twice the pixels produced, which the orchestrator then charges.
/// </summary>
public sealed class MisbehavingTranscoder(IOrchestratorTranscoder inner, Misbehaviour misbehaviour, string ffmpeg = "ffmpeg") : IOrchestratorTranscoder
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct)
    {
        var renditions = await inner.TranscodeAsync(job, ct);
        return misbehaviour switch
        {
            Misbehaviour.WrongPixels => renditions.Select(r => r with { Pixels = r.Pixels * 2 }).ToList(),
            Misbehaviour.TamperVideo => await Task.WhenAll(renditions.Select(r => BlackenAsync(r, ct))),
            Misbehaviour.None or Misbehaviour.Equivocate => renditions,
            _ => throw new ArgumentOutOfRangeException(nameof(misbehaviour), misbehaviour, "unknown misbehaviour"),
        };
    }

    /// <inheritdoc />
    public void EndSession(string sessionId) => inner.EndSession(sessionId);

    private async Task<TranscodedRendition> BlackenAsync(TranscodedRendition r, CancellationToken ct)
    {
        if (r.ContentType != "video/mp2t" && !(r.Data.Length > 0 && r.Data[0] == 0x47)) return r; // only MPEG-TS ladders are tampered with
        var dir = Directory.CreateTempSubdirectory("livepeer-tamper-").FullName;
        try
        {
            var input = Path.Combine(dir, "in.ts");
            var output = Path.Combine(dir, "out.ts");
            await File.WriteAllBytesAsync(input, r.Data, ct);
            var run = await ProcessRun.RunAsync(ffmpeg,
                ["-v", "error", "-y", "-i", input, "-map", "0", "-vf", "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill", "-c:v", "libx264", "-preset", "ultrafast",
                 "-g", "1000", "-c:a", "copy", "-copyts", "-muxdelay", "0", "-f", "mpegts", output],
                TimeSpan.FromSeconds(30), ct);
            if (run.ExitCode != 0) throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"tampering failed (ffmpeg exit {run.ExitCode}): {run.StderrTail(3)}"));
            return r with { Data = await File.ReadAllBytesAsync(output, ct) };
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}
