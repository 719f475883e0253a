using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Livepeer.E2E.Tests.MultiProcess;

/// <summary>
/// One child process of the network (a `livepeer` node, ffmpeg): its output is kept for assertions and failure messages,
/// lines are awaited by pattern, and the whole process tree is killed on dispose whatever happened.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waiters = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(string name, Process process) => (Name, _process) = (name, process);

    /// <summary>What the test calls it (orchestrator-1, transcoder-2, ...).</summary>
    public string Name { get; }
    /// <summary>The OS process id.</summary>
    public int Id => _process.Id;
    /// <summary>Whether it has exited.</summary>
    public bool HasExited => _process.HasExited;
    /// <summary>Its exit code, once exited.</summary>
    public int ExitCode => _process.ExitCode;
    /// <summary>Everything it printed so far (stdout and stderr interleaved).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts <paramref name="file"/> with <paramref name="arguments"/> and the extra environment.</summary>
    public static NodeProcess Start(string name, string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new NodeProcess(name, process);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        process.Exited += (_, _) => node._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Starts ffmpeg publishing a small test pattern and tone (2 s GOPs) over RTMP for <paramref name="seconds"/> in real time.</summary>
    public static NodeProcess Publish(int rtmpPort, string stream, int seconds) => Start("ffmpeg-" + stream, "ffmpeg",
    [
        "-hide_banner", "-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
        "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-keyint_min", "60",
        "-sc_threshold", "0", "-c:a", "aac", "-f", "flv", $"rtmp://127.0.0.1:{rtmpPort}/live/{stream}",
    ]);

    /// <summary>Waits for a line matching <paramref name="pattern"/> (also one printed earlier); fails if the process exits first.</summary>
    public async Task<Match> WaitForLineAsync(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            var earlier = regex.Match(_output.ToString());
            if (earlier.Success) return earlier;
            _waiters.Add((regex, found));
        }
        var first = await Task.WhenAny(found.Task, _exited.Task, Task.Delay(timeout));
        if (first == found.Task) return await found.Task;
        // Output read asynchronously may still be arriving after the exit event: drain it (the wait ends at the streams' end).
        if (first == _exited.Task) await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        if (found.Task.IsCompleted) return await found.Task;
        throw new TimeoutException(first == _exited.Task
            ? $"{Name} exited ({_process.ExitCode}) before printing /{pattern}/:\n{Output}"
            : $"{Name} did not print /{pattern}/ within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    /// <summary>Waits for it to exit by itself.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        if (await Task.WhenAny(_exited.Task, Task.Delay(timeout)) != _exited.Task)
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds:0} s:\n{Output}");
        await _process.WaitForExitAsync(); // drains the output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL of the whole tree: a crash, no chance to clean up.</summary>
    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // exited in between
    }

    /// <summary>SIGTERM (a clean stop, as a service manager would), then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        if (await Task.WhenAny(_exited.Task, Task.Delay(grace)) != _exited.Task) Kill();
        await _process.WaitForExitAsync();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Append(line).Append('\n');
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Pattern.Match(line) is not { Success: true } m) continue;
                _waiters[i].Found.TrySetResult(m);
                _waiters.RemoveAt(i);
            }
        }
    }

    /// <summary>Kills the tree if it still runs and releases the handle.</summary>
    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
