using System.Diagnostics;
using Livepeer.Media.Profiles;

namespace Livepeer.Media.Transcoding;

/// <summary>
/// One ffmpeg process started ahead of its segment: it loads its libraries and parses the ladder command, then blocks
/// reading MPEG-TS on stdin. Feeding it one segment and closing stdin runs exactly the per-segment command (same
/// encoders, same flush at the segment's end), so output and latency are those of a per-segment process minus start-up.
/// </summary>
internal sealed class WarmFfmpeg : IDisposable
{
    private readonly Process _process;
    private readonly string _file;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private readonly string _dir;
    private int _disposed;

    private WarmFfmpeg(Process process, string file, string dir, SessionFormat format, List<string> outputs, List<string?> signatures)
    {
        (_process, _file, _dir, Format, Outputs, Signatures) = (process, file, dir, format, outputs, signatures);
        ProcessId = process.Id;
        _stdout = ProcessRun.ReadAllAsync(process.StandardOutput);
        _stderr = ProcessRun.ReadAllAsync(process.StandardError);
    }

    /// <summary>The stream format the command was built for; a segment of another format must not be fed.</summary>
    public SessionFormat Format { get; }

    /// <summary>Rendition output files, in profile order.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Signature files, in profile order (null entries when signatures are off).</summary>
    public IReadOnlyList<string?> Signatures { get; }

    /// <summary>The operating-system process id.</summary>
    public int ProcessId { get; }

    /// <summary>Starts ffmpeg with the ladder command reading from stdin, writing into a fresh directory under <paramref name="tempRoot"/>.</summary>
    public static WarmFfmpeg Start(string ffmpeg, string tempRoot, SessionFormat format, IReadOnlyList<VideoProfile> profiles, bool computeSignatures)
    {
        var dir = Path.Combine(tempRoot, "livepeer-warm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var (outputs, signatures) = FfmpegTranscoder.OutputPaths(dir, profiles, computeSignatures);
            var args = FfmpegCommand.Build("pipe:0", format.Probe, profiles, outputs, signatures, format.ServiceProvider);
            var process = ProcessRun.Start(ffmpeg, args, redirectInput: true);
            return new WarmFfmpeg(process, ffmpeg, dir, format, outputs, signatures);
        }
        catch
        {
            DeleteDirectory(dir);
            throw;
        }
    }

    /// <summary>Writes the segment to stdin, closes it and waits for ffmpeg to finish (killed on timeout or cancellation).</summary>
    public Task<ProcessRun> FeedAsync(ReadOnlyMemory<byte> segment, TimeSpan timeout, CancellationToken cancellationToken) =>
        ProcessRun.CompleteAsync(_process, _file, _stdout, _stderr, async ct =>
        {
            var stdin = _process.StandardInput.BaseStream;
            try
            {
                await stdin.WriteAsync(segment, ct).ConfigureAwait(false);
                await stdin.FlushAsync(ct).ConfigureAwait(false);
            }
            finally { _process.StandardInput.Close(); }
        }, timeout, cancellationToken);

    /// <summary>Kills the process if it still runs and deletes its directory.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { /* exited meanwhile */ }
        catch (System.ComponentModel.Win32Exception) { /* exited meanwhile */ }
        _process.Dispose();
        DeleteDirectory(_dir);
    }

    internal static void DeleteDirectory(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
