using System.Diagnostics;
using System.Text;

namespace Livepeer.Media.Transcoding;

/// <summary>The outcome of running an external tool: exit code and captured output.</summary>
public sealed record ProcessRun(int ExitCode, string StandardOutput, string StandardError)
{
    private const int MaxCapturedChars = 4 * 1024 * 1024;

    /// <summary>The last <paramref name="lines"/> lines of stderr.</summary>
    public string StderrTail(int lines = 15) => Tail(StandardError, lines);

    internal static string Tail(string text, int lines)
    {
        var all = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>
    /// Runs <paramref name="file"/> to completion. When <paramref name="timeout"/> passes, the whole process tree is killed and
    /// a <see cref="TranscodeException"/> (<see cref="TranscodeError.Timeout"/>) is thrown; caller cancellation kills it too
    /// and surfaces as <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<ProcessRun> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Start(file, args, redirectInput: false);
        var stdout = ReadAllAsync(process.StandardOutput);
        var stderr = ReadAllAsync(process.StandardError);
        return await CompleteAsync(process, file, stdout, stderr, null, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts <paramref name="file"/> with redirected output (and input when asked); a missing binary is <see cref="TranscodeError.EncoderMissing"/>.</summary>
    internal static Process Start(string file, IEnumerable<string> args, bool redirectInput)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var process = new Process { StartInfo = psi };
        try
        {
            if (!process.Start())
                throw new TranscodeException(TranscodeError.FfmpegFailed, $"Could not start {file}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new TranscodeException(TranscodeError.EncoderMissing, $"Could not start {file}: {e.Message}. Install ffmpeg (apt install ffmpeg) or set FfmpegPath/FfprobePath.", null, e);
        }
        return process;
    }

    /// <summary>
    /// Runs <paramref name="feed"/> (if any) and waits for the process to exit, both within <paramref name="timeout"/>; on
    /// timeout or cancellation kills the process tree as <see cref="RunAsync"/> describes.
    /// </summary>
    internal static async Task<ProcessRun> CompleteAsync(Process process, string file, Task<string> stdout, Task<string> stderr,
        Func<CancellationToken, Task>? feed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutCts = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutCts.Token, cancellationToken);
        try
        {
            if (feed is not null)
            {
                // A process that dies while being fed closes its end of the pipe; its exit code tells the caller why.
                try { await feed(linked.Token).ConfigureAwait(false); }
                catch (IOException) { }
            }
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* already exited */ }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var tail = Tail(await stderr.ConfigureAwait(false), 10);
            throw new TranscodeException(TranscodeError.Timeout,
                $"{Path.GetFileName(file)} did not finish within {timeout.TotalSeconds:0.###} s and was killed; the machine may be overloaded or the segment too large for the time limit.", tail);
        }
        return new ProcessRun(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    internal static async Task<string> ReadAllAsync(StreamReader reader)
    {
        // Bounded capture: a runaway log must not exhaust memory.
        var sb = new StringBuilder();
        var buffer = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (sb.Length + n > MaxCapturedChars)
                sb.Remove(0, Math.Min(sb.Length, n + sb.Length - MaxCapturedChars));
            sb.Append(buffer, 0, n);
        }
        return sb.ToString();
    }
}
