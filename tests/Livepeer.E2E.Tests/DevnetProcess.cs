using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Livepeer.E2E.Tests;

/// <summary>`livepeer devnet` as a real child process on free ports with its own data directory; stopped with SIGTERM.</summary>
internal sealed partial class DevnetProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _dashboard = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DevnetProcess(Process process) => _process = process;

    /// <summary>Everything the devnet printed so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts the devnet and waits until it prints its dashboard URL.</summary>
    public static async Task<DevnetProcess> StartAsync(string dataDir, TimeSpan timeout, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "livepeer.dll"), "devnet", "--datadir", dataDir, "--fresh",
                     "--rpc-port", "0", "--rtmp-port", "0", "--http-port", "0", "--orchestrator-port", "0" }.Concat(extra))
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        var devnet = new DevnetProcess(process);
        process.OutputDataReceived += (_, e) => devnet.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => devnet.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(devnet._dashboard.Task, process.WaitForExitAsync(), Task.Delay(timeout));
        if (finished != devnet._dashboard.Task)
        {
            await devnet.DisposeAsync();
            Assert.Fail($"The devnet did not start within {timeout}:\n{devnet.Output}");
        }
        return devnet;
    }

    /// <summary>The dashboard URL it printed.</summary>
    public Uri Dashboard => _dashboard.Task.Result;

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (DashboardLine().Match(line) is { Success: true } m) _dashboard.TrySetResult(new Uri(m.Groups[1].Value));
    }

    [GeneratedRegex(@"Dashboard:\s+(http://\S+)")]
    private static partial Regex DashboardLine();

    /// <summary>Sends SIGTERM (what a service manager or `kill` sends; Ctrl-C is SIGINT) and says whether it exited by itself in time.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        return _process.WaitForExit(timeout);
    }

    /// <summary>Stops it like <see cref="StopAsync"/>, then kills it if it does not exit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!await StopAsync(TimeSpan.FromSeconds(20))) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
